export * from './compatibility';
export * from './version-order';
