export * from './server-to-client';
export * from './client-to-server';
