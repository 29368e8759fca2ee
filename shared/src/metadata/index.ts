export * from './metadata.schema';
