import { describe, expect, it } from 'vitest';
import { toCounts } from './campaign-view';
import { crossesThreshold } from './threshold';

describe('crossesThreshold', () => {
  it('compares failed ÷ (ok + failed) with the threshold, strictly', () => {
    expect(crossesThreshold(toCounts({ ok: 8, failed: 2 }), 20, 0)).toBe(false);
    expect(crossesThreshold(toCounts({ ok: 7, failed: 3 }), 20, 0)).toBe(true);
  });

  it('ignores skipped, cancelled and unfinished devices', () => {
    expect(crossesThreshold(toCounts({ ok: 9, failed: 1, skipped: 50, pending: 50 }), 10, 0)).toBe(false);
  });

  it('needs at least one failure beyond those a resume accepted', () => {
    expect(crossesThreshold(toCounts({ ok: 0, failed: 0 }), 0, 0)).toBe(false);
    expect(crossesThreshold(toCounts({ ok: 5, failed: 3 }), 10, 3)).toBe(false);
    expect(crossesThreshold(toCounts({ ok: 5, failed: 4 }), 10, 3)).toBe(true);
  });
});
