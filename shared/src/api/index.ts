export * from './error.schema';
export * from './auth.schema';
export * from './devices.schema';
export * from './commands.schema';
export * from './alerts.schema';
export * from './tree.schema';
export * from './health.schema';
export * from './routes';
