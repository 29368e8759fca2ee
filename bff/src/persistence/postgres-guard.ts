// Tells "PostgreSQL is unreachable" apart from "this statement is wrong": errors of the first kind
// become StoreUnavailableError (503 upstream, safe to retry); everything else passes through.
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { StoreUnavailableError } from './ports';

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
        throw isConnectionError(error) ? unavailable(error) : error;
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
