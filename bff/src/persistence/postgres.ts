// The scale-out engine: a pg Pool shared by every repository, through our driver (postgres-driver.ts).
import { Kysely, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Store } from './ports';
import { PG_INT8_OID, parseInt8 } from './kysely/dialect';
import { migrateToLatest } from './kysely/migrations';
import type { Database } from './kysely/schema';
import { postgresDialect } from './postgres-driver';
import { createKyselyStore } from './store';

const DEFAULT_POOL_SIZE = 10;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** Our own type parsers (pg's global ones stay untouched): int8 becomes a number. */
function getTypeParser(oid: number, format: 'text' | 'binary' = 'text'): unknown {
  if (format === 'binary') return pg.types.getTypeParser(oid, 'binary');
  return oid === PG_INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, 'text');
}
const PG_TYPES: pg.CustomTypesConfig = { getTypeParser };

export interface PostgresStoreOptions {
  url: string;
  poolSize?: number;
  /** How long to wait for a connection before the request fails as unavailable. */
  connectTimeoutMs?: number;
  /** Errors of idle pooled connections (e.g. a server restart); the pool replaces them. */
  onPoolError?: (error: Error) => void;
  /** Called with every statement the store runs (diagnostics; tests count statements per write). */
  onQuery?: (sql: string) => void;
  /**
   * Run the DM path's prepared queries as named server-side statements (default true). Off for a
   * connection pooler in transaction mode that does not keep prepared statements (README).
   */
  preparedStatements?: boolean;
  /** Called before each round trip to PostgreSQL with the statements it carries (tests count them). */
  onRoundTrip?: (statements: readonly string[]) => void;
}

/** Connects to `url` and migrates; safe when several instances start at once. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    types: PG_TYPES,
    // An unreachable server fails requests within seconds (503) instead of queueing them forever.
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    keepAlive: true,
  });
  // Without a listener an idle client's error would crash the process.
  pool.on('error', (error) => options.onPoolError?.(error));
  const { onQuery } = options;
  const db = new Kysely<Database>({
    dialect: postgresDialect(pool, {
      preparedStatements: options.preparedStatements ?? true,
      ...(options.onRoundTrip ? { onRoundTrip: options.onRoundTrip } : {}),
    }),
    ...(onQuery
      ? {
          log: (event: LogEvent) => {
            if (event.level === 'query') onQuery(event.query.sql);
          },
        }
      : {}),
  });
  try {
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createKyselyStore(db, 'postgres');
}
