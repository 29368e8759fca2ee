// The embedded default engine: one better-sqlite3 connection to a file in the data dir.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Store } from './ports';
import { migrateToLatest } from './kysely/migrations';
import type { Database } from './kysely/schema';
import { createKyselyStore } from './store';

const BUSY_TIMEOUT_MS = 5_000;

const STATEMENT_CACHE_SIZE = 1_000;

/**
 * Kysely's SQLite driver prepares every statement anew; preparing was ~10 % of a DM session's CPU
 * (BENCHMARKS.md). The SQL text is the key (values are bound parameters), so the few hundred distinct
 * statements are prepared once. Safe because Kysely runs one statement at a time on this connection
 * and the store never streams (`iterate`) results.
 */
function withStatementCache(database: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = database.prepare.bind(database);
  const cached = (source: string) => {
    let statement = cache.get(source);
    if (statement === undefined) {
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      statement = prepare(source);
      cache.set(source, statement);
    }
    return statement;
  };
  return Object.assign(Object.create(database) as SqliteDatabase.Database, { prepare: cached });
}

/** Opens (creating if needed) and migrates the SQLite database at `file`; ':memory:' for tests. */
export async function openSqliteStore(options: { file: string }): Promise<Store> {
  const isMemory = options.file === ':memory:';
  if (!isMemory) mkdirSync(dirname(resolve(options.file)), { recursive: true });
  const database = new SqliteDatabase(options.file);
  try {
    // WAL lets readers run beside the writer; NORMAL is durable across app crashes in WAL mode.
    if (!isMemory) database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createKyselyStore(db, 'sqlite');
}
