// Tells "PostgreSQL is unreachable" apart from "this statement is wrong": errors of the first kind
// become StoreUnavailableError (503 upstream, safe to retry), a full disk StoreFullError (503, and
// /readyz fails); everything else passes through. postgres-driver.ts applies it to every query.
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
export function storeError(error: unknown): unknown {
  if (isConnectionError(error)) return unavailable(error);
  if ((error as { code?: unknown } | null)?.code === DISK_FULL) {
    const detail = error instanceof Error ? error.message : String(error);
    return new StoreFullError(`PostgreSQL cannot write: ${detail}`, { cause: error });
  }
  return error;
}

/** A failure to reach PostgreSQL at all (no connection to be had). */
export function unavailable(error: unknown): StoreUnavailableError {
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`PostgreSQL is unavailable: ${detail}`, { cause: error });
}
