// The embedded default engine: one better-sqlite3 connection to a file in the data dir.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type LogEvent } from 'kysely';
import type { Store } from './ports';
import { migrateToLatest } from './kysely/migrations';
import type { Database } from './kysely/schema';
import { groupCommitDialect } from './sqlite-driver';
import { InlineLimitsPlugin } from './sqlite-limits';
import {
  DEFAULT_AUTOCHECKPOINT_PAGES,
  FALLBACK_AUTOCHECKPOINT_PAGES,
  startSqliteCheckpointer,
} from './sqlite-checkpointer';
import { createKyselyStore } from './store';

const BUSY_TIMEOUT_MS = 5_000;

/** The database and its -wal and -shm files are readable by the server's user only (protocol §12). */
function restrictFileModes(file: string): void {
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(name)) chmodSync(name, 0o600);
  }
}

/** Opens (creating if needed) and migrates the SQLite database at `file`; ':memory:' for tests. */
export async function openSqliteStore(options: {
  file: string;
  /** Called with every statement the store runs (diagnostics; tests count statements per write). */
  onQuery?: (sql: string) => void;
  /**
   * WAL checkpoints in a worker thread instead of inside the COMMIT that crosses the threshold (the
   * server's store; ADR 0014). Tools and tests that open a store briefly leave it off.
   */
  backgroundCheckpoints?: boolean;
  /** A checkpoint the worker could not run (logged by the server; the fallback bound still holds). */
  onCheckpointError?: (message: string) => void;
}): Promise<Store> {
  const isMemory = options.file === ':memory:';
  if (!isMemory) {
    mkdirSync(dirname(resolve(options.file)), { recursive: true, mode: 0o700 });
    // Made before SQLite opens it, so it never exists with wider rights; SQLite gives the -wal and
    // -shm files the database file's mode.
    closeSync(openSync(options.file, 'a', 0o600));
    restrictFileModes(options.file);
  }
  const database = new SqliteDatabase(options.file);
  try {
    // WAL lets readers run beside the writer; NORMAL is durable across app crashes in WAL mode.
    if (!isMemory) database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Deleted rows are zeroed in their pages (no extra I/O), so a removed secret leaves no copy there.
    database.pragma('secure_delete = FAST');
    if (!isMemory) restrictFileModes(options.file);
  } catch (error) {
    database.close();
    throw error;
  }
  const store = await storeOverSqlite(database, options.onQuery);
  if (isMemory || options.backgroundCheckpoints !== true) return store;
  database.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const checkpointer = startSqliteCheckpointer({
    file: options.file,
    busyTimeoutMs: BUSY_TIMEOUT_MS,
    ...(options.onCheckpointError ? { onError: options.onCheckpointError } : {}),
    // Without the worker the connection checkpoints as SQLite does by default again.
    onLost: () => database.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`),
  });
  return {
    ...store,
    async close() {
      // The worker's connection closes first, so the main one is the last and checkpoints on close.
      await checkpointer.stop();
      await store.close();
    },
  };
}

/**
 * The store over an open better-sqlite3 connection, migrated. openSqliteStore sets the connection up
 * first; a test may hold the connection itself (e.g. to cap its size with max_page_count).
 * `onQuery` sees each statement's SQL (tests count them).
 */
export async function storeOverSqlite(
  database: SqliteDatabase.Database,
  onQuery?: (sql: string) => void,
): Promise<Store> {
  const db = new Kysely<Database>({
    dialect: groupCommitDialect(database).dialect,
    plugins: [new InlineLimitsPlugin()],
    ...(onQuery
      ? {
          log: (event: LogEvent) => {
            if (event.level === 'query') onQuery(event.query.sql);
          },
        }
      : {}),
  });
  try {
    await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createKyselyStore(db, 'sqlite');
}
