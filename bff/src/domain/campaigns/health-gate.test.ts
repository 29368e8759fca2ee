import { describe, expect, it } from 'vitest';
import { judgeAlerts } from './health-gate';

const gate = { windowS: 300, maxAlertRatio: 1.5, minAlerts: 1 };

describe('judgeAlerts', () => {
  it('allows up to maxAlertRatio × the alerts before the update', () => {
    expect(judgeAlerts(gate, 4, 6)).toEqual({ pass: true });
    const held = judgeAlerts(gate, 4, 7);
    expect(held.pass).toBe(false);
    if (!held.pass)
      expect(held.reason).toMatch(/raised 7 alerts .* more than the 6 allowed \(4 in the 300 s before\)/);
  });

  it('allows at most minAlerts when the devices raised none before', () => {
    expect(judgeAlerts(gate, 0, 1)).toEqual({ pass: true });
    expect(judgeAlerts(gate, 0, 2).pass).toBe(false);
    expect(judgeAlerts({ ...gate, minAlerts: 0 }, 0, 0)).toEqual({ pass: true });
  });
});
