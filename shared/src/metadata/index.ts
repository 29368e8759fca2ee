export * from './metadata.schema';
export * from './catalog';
export * from './dcmo';
export * from './devinfo';
export * from './dmacc';
export * from './fumo';
export * from './scomo';
export * from './session-info';
