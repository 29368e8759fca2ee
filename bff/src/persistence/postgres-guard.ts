// Tells "PostgreSQL is unreachable" apart from "this statement is wrong": errors of the first kind
// become StoreUnavailableError (503 upstream, safe to retry), a full disk StoreFullError (503, and
// /readyz fails); everything else passes through.
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { StoreFullError, StoreUnavailableError } from './ports';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATE 57P01–57P03: terminated by an administrator, crash shutdown, cannot connect now;
// 53300: too many connections; class 08: connection exception.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const DRIVER_MESSAGES =
  /Connection terminated|not queryable|connection error|timeout exceeded when trying to connect/i;

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08')))
    return true;
  return DRIVER_MESSAGES.test(error.message);
}

/** SQLSTATE 53100 disk_full: PostgreSQL could not extend a file or write its WAL. */
const DISK_FULL = '53100';

/** The error a query failed with, as the store reports it. */
function storeError(error: unknown): unknown {
  if (isConnectionError(error)) return unavailable(error);
  if ((error as { code?: unknown } | null)?.code === DISK_FULL) {
    const detail = error instanceof Error ? error.message : String(error);
    return new StoreFullError(`PostgreSQL cannot write: ${detail}`, { cause: error });
  }
  return error;
}

function unavailable(error: unknown): StoreUnavailableError {
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`PostgreSQL is unavailable: ${detail}`, { cause: error });
}

/**
 * The pool as Kysely sees it: any failure to get a connection, and connection-class failures of a
 * query, surface as StoreUnavailableError. pg-pool drops a client that broke when it is released.
 */
export function guardPool(pool: pg.Pool): PostgresPool {
  const guarded = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    // pg-pool listens for errors only on idle clients. A connection that drops while checked out
    // (e.g. inside a transaction) reports through its pending query; without a listener its
    // 'error' event would crash the process.
    client.on('error', () => undefined);
    const query = async (text: string, parameters: readonly unknown[]) => {
      try {
        return await client.query(text, [...parameters]);
      } catch (error) {
        throw storeError(error);
      }
    };
    return {
      query: query as unknown as PostgresPoolClient['query'],
      // pg-pool gives the client a new release function at every checkout: look it up at call time.
      release: () => client.release(),
    };
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw unavailable(error);
      }
      let wrapped = guarded.get(client);
      if (wrapped === undefined) {
        wrapped = wrap(client);
        guarded.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}
