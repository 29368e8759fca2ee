export * from './dry-run';
export * from './value-format';
export * from './metadata-json-schema';
