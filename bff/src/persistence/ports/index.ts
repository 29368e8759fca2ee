// Ports of the persistence layer, one module per aggregate. The core (domain, protocol) depends only
// on these interfaces; `kysely/` implements them once for SQLite and PostgreSQL. Times are Date
// objects (stored as epoch milliseconds); JSON columns come back parsed and validated.
export * from './alerts';
export * from './artifacts';
export * from './auth-failures';
export * from './audit';
export * from './campaigns';
export * from './commands';
export * from './credentials';
export * from './devices';
export * from './dr';
export * from './metadata';
export * from './notifications';
export * from './operations';
export * from './profiles';
export * from './pages';
export * from './refusals';
export * from './sessions';
export * from './session-log';
export * from './settings';
export * from './stats';
export * from './store';
export * from './tree';
export * from './tree-history';
export * from './users';
export * from './views';
