// `node --import tsx bff/src/main.ts`: the production entry, the server configured by DMC_*.
import { runServer } from './server';

runServer(process.env).catch((err: unknown) => {
  console.error('dmc failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
