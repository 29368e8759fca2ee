// A transaction that PostgreSQL chose as a deadlock victim (SQLSTATE 40P01) or could not serialize
// (40001) was rolled back whole and decided nothing: it runs again, a bounded number of times, after
// a short random pause so that the transactions that collided do not collide again in step. This is
// the one place such failures are retried; Store.transaction goes through it.
import { StoreUnavailableError } from './ports';

/** SQLSTATEs of a transaction that lost a conflict with another and may simply run again. */
export const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(['40001', '40P01']);

export function isRetryableConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

/**
 * A transaction lost its conflict on every attempt. Nothing was decided, so it is answered like an
 * unreachable database: 503, retry later.
 */
export class TransactionConflictError extends StoreUnavailableError {
  override readonly name = 'TransactionConflictError';
}

export interface RetryPolicy {
  /** Runs in all, the first included. */
  attempts: number;
  /** The pause before the n-th retry is random in [0, min(maxDelayMs, baseDelayMs · 2^(n-1))). */
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 10,
  maxDelayMs: 200,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Runs `attempt` until it resolves, throws something other than a retryable conflict, or has run
 * `policy.attempts` times; then throws TransactionConflictError with the last conflict as cause.
 */
export async function retryConflicts<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
  for (let run = 1; ; run += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryableConflict(error)) throw error;
      if (run >= policy.attempts) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new TransactionConflictError(
          `The transaction lost a lock conflict ${run} times in a row: ${detail}`,
          { cause: error },
        );
      }
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (run - 1));
      await policy.sleep(policy.random() * ceiling);
    }
  }
}
