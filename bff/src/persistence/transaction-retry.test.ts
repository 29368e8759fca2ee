import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from './ports';
import {
  DEFAULT_RETRY_POLICY,
  isRetryableConflict,
  retryConflicts,
  TransactionConflictError,
  type RetryPolicy,
} from './transaction-retry';

/** An error as pg reports it: the SQLSTATE in `code`. */
function pgError(code: string, message = `SQLSTATE ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

/** A policy that records its pauses instead of waiting them out. */
function recordingPolicy(overrides: Partial<RetryPolicy> = {}) {
  const pauses: number[] = [];
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    random: () => 0.5,
    sleep: (ms) => {
      pauses.push(ms);
      return Promise.resolve();
    },
    ...overrides,
  };
  return { policy, pauses };
}

/** Fails with the given errors in turn, then resolves with the number of runs. */
function failingWith(...errors: Error[]) {
  let runs = 0;
  return {
    attempt: () => {
      runs += 1;
      const error = errors[runs - 1];
      return error === undefined ? Promise.resolve(runs) : Promise.reject(error);
    },
    runs: () => runs,
  };
}

describe('retryConflicts', () => {
  it('runs again after a deadlock (40P01) and a serialization failure (40001)', async () => {
    const { policy, pauses } = recordingPolicy();
    const work = failingWith(pgError('40P01'), pgError('40001'));
    await expect(retryConflicts(work.attempt, policy)).resolves.toBe(3);
    expect(work.runs()).toBe(3);
    // Jittered exponential pauses: random() × 10 ms, then × 20 ms.
    expect(pauses).toEqual([5, 10]);
  });

  it('gives up after the policy’s attempts with a 503-class error that keeps the cause', async () => {
    const { policy, pauses } = recordingPolicy({ attempts: 3 });
    const last = pgError('40P01', 'deadlock detected');
    const work = failingWith(pgError('40P01'), pgError('40001'), last, pgError('40P01'));
    const failure = await retryConflicts(work.attempt, policy).catch((e: unknown) => e);
    expect(work.runs()).toBe(3);
    expect(pauses).toHaveLength(2);
    expect(failure).toBeInstanceOf(TransactionConflictError);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect((failure as Error).cause).toBe(last);
    expect((failure as Error).message).toMatch(/3 times.*deadlock detected/);
  });

  it('does not retry any other error', async () => {
    for (const error of [pgError('23505'), pgError('40000'), new Error('boom')]) {
      const { policy, pauses } = recordingPolicy();
      const work = failingWith(error);
      await expect(retryConflicts(work.attempt, policy)).rejects.toBe(error);
      expect(work.runs()).toBe(1);
      expect(pauses).toEqual([]);
    }
  });

  it('caps the pause at maxDelayMs', async () => {
    const { policy, pauses } = recordingPolicy({ attempts: 8, random: () => 0.999 });
    const work = failingWith(...Array.from({ length: 7 }, () => pgError('40001')));
    await retryConflicts(work.attempt, policy);
    expect(Math.max(...pauses)).toBeLessThan(policy.maxDelayMs);
    expect(pauses[pauses.length - 1]).toBeCloseTo(policy.maxDelayMs * 0.999);
  });
});

describe('isRetryableConflict', () => {
  it('knows the two SQLSTATEs and nothing else', () => {
    expect(isRetryableConflict(pgError('40001'))).toBe(true);
    expect(isRetryableConflict(pgError('40P01'))).toBe(true);
    expect(isRetryableConflict(pgError('57P01'))).toBe(false);
    expect(isRetryableConflict({ code: 40001 })).toBe(false);
    expect(isRetryableConflict(null)).toBe(false);
  });
});
