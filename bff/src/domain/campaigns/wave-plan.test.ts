import { describe, expect, it } from 'vitest';
import { planWaves, waveOf } from './wave-plan';

describe('planWaves', () => {
  it('puts the canary first, then waves of the fixed size, the last one short', () => {
    expect(planWaves({ canary: 2, size: 5 }, 13)).toEqual([2, 5, 5, 1]);
    expect(planWaves({ canary: 0, size: 5 }, 10)).toEqual([5, 5]);
  });

  it('plans cumulative percentages of all devices, the canary counting toward the first', () => {
    expect(planWaves({ canary: 1, percentages: [10, 40, 100] }, 20)).toEqual([1, 1, 6, 12]);
    expect(planWaves({ canary: 0, percentages: [50, 100] }, 3)).toEqual([2, 1]);
  });

  it('leaves out waves that would be empty', () => {
    expect(planWaves({ canary: 5, percentages: [10, 100] }, 20)).toEqual([5, 15]);
    expect(planWaves({ canary: 0, percentages: [1, 2, 100] }, 3)).toEqual([1, 2]);
  });

  it('never plans more devices than there are, and nothing for none', () => {
    expect(planWaves({ canary: 10, size: 4 }, 3)).toEqual([3]);
    expect(planWaves({ canary: 2, size: 4 }, 0)).toEqual([]);
  });

  it('raises the size when it would need more waves than allowed', () => {
    const sizes = planWaves({ canary: 1, size: 1 }, 101, 11);
    expect(sizes).toHaveLength(11);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(101);
    expect(sizes[0]).toBe(1);
  });

  it('sums to the device count for every spec', () => {
    for (const count of [1, 7, 99, 1000]) {
      for (const spec of [
        { canary: 3, size: 10 },
        { canary: 0, percentages: [5, 25, 100] },
      ]) {
        expect(planWaves(spec, count).reduce((a, b) => a + b, 0)).toBe(count);
      }
    }
  });
});

describe('waveOf', () => {
  it('maps a position in devId order to its wave', () => {
    const sizes = [2, 5, 1];
    expect([0, 1, 2, 6, 7].map((p) => waveOf(sizes, p))).toEqual([0, 0, 1, 1, 2]);
  });
});
