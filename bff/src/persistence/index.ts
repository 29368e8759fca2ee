export { openSqliteStore } from './sqlite';
export { openPostgresStore } from './postgres';
export type { PostgresStoreOptions } from './postgres';
