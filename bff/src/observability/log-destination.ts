// Where the server's log goes: its standard output, written so that a reader that has gone away
// (a closed pipe: EPIPE) silences logging instead of stopping the server. pino's default destination
// flushes synchronously when the process exits and, on a broken pipe, retries that flush forever, so
// process.exit() never returned and the server could not be stopped (issue 12). process.stdout has no
// exit hook, and a write error is an event here, never a throw.
import type { Writable } from 'node:stream';

function ignoreWriteErrors(stream: Writable): void {
  // Logging must neither crash nor hold the process: an unhandled 'error' on stdout would throw.
  stream.on('error', () => undefined);
}

/** Makes the process's stdout and stderr safe to write after their reader has gone. */
export function guardStdio(): void {
  ignoreWriteErrors(process.stdout);
  ignoreWriteErrors(process.stderr);
}

/** pino's destination: stdout, guarded (see guardStdio). */
export function logDestination(): Writable {
  guardStdio();
  return process.stdout;
}
