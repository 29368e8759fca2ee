import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('keeps jitter within ±25 % of the nominal delay', () => {
    expect(retryDelayMs(1, () => 0)).toBe(BACKOFF_BASE_MS * 0.75);
    expect(retryDelayMs(1, () => 0.999999)).toBeCloseTo(BACKOFF_BASE_MS * 1.25, -1);
    expect(retryDelayMs(2, () => 0.5)).toBe(BACKOFF_BASE_MS * 2.5);
  });

  it('makes every delay at least 1.5× the one before, whatever the jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0, max: 0.9999999, noNaN: true }),
        fc.double({ min: 0, max: 0.9999999, noNaN: true }),
        (n, a, b) => {
          const before = retryDelayMs(n, () => a);
          const after = retryDelayMs(n + 1, () => b);
          expect(after).toBeGreaterThanOrEqual(1.5 * before - 1);
        },
      ),
    );
  });
});
