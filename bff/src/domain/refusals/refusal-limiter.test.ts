import { describe, expect, it } from 'vitest';
import { createRefusalLimiter, DEFAULT_REFUSAL_LIMITS } from './refusal-limiter';

const LIMITS = {
  ...DEFAULT_REFUSAL_LIMITS,
  globalBurst: 20,
  globalPerS: 10,
  deviceBurst: 5,
  deviceEveryS: 10,
};

describe('refusal limiter', () => {
  it('lets a device write a few records, then one per interval carrying the count held back', () => {
    const limiter = createRefusalLimiter(LIMITS);
    const flood = Array.from({ length: 1000 }, () => limiter.admit('d1', 0));
    expect(flood.filter((a) => a.admitted)).toHaveLength(5);
    expect(limiter.admit('d1', 9_999)).toEqual({ admitted: false });
    expect(limiter.admit('d1', 10_000)).toEqual({ admitted: true, suppressed: 996 });
    expect(limiter.admit('d1', 10_001)).toEqual({ admitted: false });
  });

  it('bounds writes across all devices, whatever DevIDs a flood makes up', () => {
    const limiter = createRefusalLimiter(LIMITS);
    const flood = Array.from({ length: 1000 }, (_, n) => limiter.admit(`made-up-${n}`, 0));
    expect(flood.filter((a) => a.admitted)).toHaveLength(20);
    // A second later the bucket has refilled by globalPerS.
    const next = Array.from({ length: 100 }, (_, n) => limiter.admit(`later-${n}`, 1_000));
    expect(next.filter((a) => a.admitted)).toHaveLength(10);
  });

  it('tracks a bounded number of devices', () => {
    const limiter = createRefusalLimiter({ ...LIMITS, maxTracked: 3, globalBurst: 1000 });
    for (const devId of ['a', 'b', 'c', 'd']) limiter.admit(devId, 0);
    // 'a' was forgotten: it starts again with a full bucket.
    for (let n = 0; n < 4; n += 1) limiter.admit('a', 0);
    expect(limiter.admit('a', 0)).toEqual({ admitted: true, suppressed: 0 });
  });
});
