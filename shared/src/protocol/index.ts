export * from './media-types';
export * from './alert.schema';
export * from './mo-serialization.schema';
export * from './packages.schema';
export * from './commands.schema';
export * from './status-codes';
