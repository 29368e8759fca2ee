import type { Kysely } from 'kysely';
import { MAX_BIND_VARIABLES } from './dialect';
import type { Database } from './schema';

/** Runs `work` in the current transaction, or in a new one when `db` is not a transaction. */
export async function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}

/**
 * Up to this many rows, a write runs one prepared single-row statement per row (compiled once);
 * more rows go in multi-row statements, which Kysely builds anew each time but SQL runs faster.
 */
export const FEW_ROWS = 32;

/** Splits rows into chunks whose bind variables stay under the engines' limits. */
export function chunksOf<T>(rows: readonly T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_BIND_VARIABLES / columnsPerRow));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) {
    chunks.push(rows.slice(start, start + size));
  }
  return chunks;
}

/** JSON text for a nullable JSON column: undefined and null both store NULL. */
export function toJsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Lets the event loop run what is waiting (other requests, timers) before the next batch of a write. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
