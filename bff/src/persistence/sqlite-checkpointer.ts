// WAL checkpoints off the event loop (ADR 0014). In WAL mode a COMMIT appends to the -wal file
// without fsync (synchronous=NORMAL); the costly part is the checkpoint that copies the WAL back into
// the database file and syncs both. SQLite runs it inside whichever COMMIT crosses
// wal_autocheckpoint, which on the server's one connection means on the event loop. The checkpointer
// is a worker thread with its own connection to the same file that runs a PASSIVE checkpoint (it
// never blocks the writer) every 200 ms, so the writer's COMMITs stay appends. The main connection
// keeps a far higher autocheckpoint as a bound should the worker fall behind, and its usual one
// again should the worker end without being stopped.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** SQLite's own wal_autocheckpoint, which the main connection goes back to without the worker. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;
/** The main connection's own autocheckpoint while the worker runs: a bound, not the usual path. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000;
/** How often the worker checkpoints: the WAL holds at most this long's writes beyond the database. */
const INTERVAL_MS = 200;

export interface SqliteCheckpointer {
  /** Checkpoints run by the worker that copied at least one page. */
  checkpoints(): Promise<number>;
  /** Stops the worker and closes its connection; the main connection can then close last. */
  stop(): Promise<void>;
}

interface WorkerData {
  readonly file: string;
  readonly driver: string;
  readonly intervalMs: number;
  readonly busyTimeoutMs: number;
}

// CommonJS evaluated in the worker (no build step, no loader): it only needs the native driver,
// whose resolved path comes in workerData. A PASSIVE checkpoint copies what it can without waiting
// for the writer; one over a WAL already copied reads the wal-index only.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const reason = (error) => String((error && error.message) || error);
function open() {
  try {
    const db = new Database(workerData.file, { fileMustExist: true });
    db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (error) {
    // The driver's errors lose their message crossing threads: it goes as text, and the worker ends.
    parentPort.postMessage({ kind: 'error', message: 'cannot open the database: ' + reason(error) });
    parentPort.close();
    return undefined;
  }
}
const db = open();
if (db !== undefined) {
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').raw();
  let copied = 0;
  const timer = setInterval(() => {
    try {
      // [busy, frames in the WAL, frames checkpointed]
      const row = checkpoint.get();
      if (row && row[2] > 0) copied += 1;
    } catch (error) {
      parentPort.postMessage({ kind: 'error', message: reason(error) });
    }
  }, workerData.intervalMs);
  parentPort.on('message', (message) => {
    if (message.kind === 'count') parentPort.postMessage({ kind: 'count', id: message.id, copied });
    if (message.kind === 'stop') {
      clearInterval(timer);
      db.close();
      parentPort.close();
    }
  });
}
`;

export function startSqliteCheckpointer(options: {
  file: string;
  busyTimeoutMs: number;
  onError?: (message: string) => void;
  /** The worker ended without `stop` (it could not open the database, or crashed). */
  onLost?: () => void;
}): SqliteCheckpointer {
  const data: WorkerData = {
    file: options.file,
    driver: createRequire(import.meta.url).resolve('better-sqlite3'),
    intervalMs: INTERVAL_MS,
    busyTimeoutMs: options.busyTimeoutMs,
  };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: data });
  // The server's exit is never held by its checkpointer.
  worker.unref();
  let nextId = 0;
  const counts = new Map<number, (n: number) => void>();
  let stopped: Promise<void> | undefined;
  let exited = false;
  worker.once('exit', () => {
    exited = true;
    if (stopped === undefined) options.onLost?.();
    for (const resolve of counts.values()) resolve(0);
    counts.clear();
  });
  worker.on('message', (message: { kind: string; id?: number; copied?: number; message?: string }) => {
    if (message.kind === 'error') options.onError?.(message.message ?? 'checkpoint failed');
    if (message.kind === 'count' && message.id !== undefined) {
      counts.get(message.id)?.(message.copied ?? 0);
      counts.delete(message.id);
    }
  });
  worker.on('error', (error: unknown) =>
    options.onError?.(error instanceof Error ? error.message : 'the checkpoint worker failed'),
  );
  return {
    checkpoints() {
      const id = (nextId += 1);
      if (exited) return Promise.resolve(0);
      return new Promise((resolve) => {
        counts.set(id, resolve);
        worker.postMessage({ kind: 'count', id });
      });
    },
    stop() {
      // The worker closes its connection and its port; with nothing left to do it exits.
      stopped ??= new Promise<void>((resolve) => {
        if (exited) return resolve();
        // Held while it stops: an unreferenced worker would let the process end before close does.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage({ kind: 'stop' });
      });
      return stopped;
    },
  };
}
