import { describe, expect, it } from 'vitest';
import type { AlertRecord, FleetStats } from '@dmc/shared/api';
import { withAlertReceived, withAlertsAcknowledged, withSessionEnded, withSessionStarted } from './stats';

function stats(): FleetStats {
  return {
    generatedAt: '2026-03-01T12:00:00Z',
    devices: 3,
    onlineNow: 1,
    sessionsPerMinute: [
      { at: '2026-03-01T11:58:00Z', count: 2 },
      { at: '2026-03-01T11:59:00Z', count: 5 },
    ],
    openAlertsByMark: {
      fatal: 0,
      critical: 1,
      minor: 0,
      warning: 2,
      informational: 0,
      harmless: 0,
      indeterminate: 0,
    },
    commandsByState: { queued: 1, sent: 0, accepted: 0 },
    firmwareVersions: [],
    firmwareOther: 0,
    criticalAlerts: [],
    recentSessions: [],
  };
}

const alert = (id: string, mark: AlertRecord['mark']): AlertRecord => ({
  id,
  devId: 'd',
  sessionId: null,
  alertType: 't',
  sourceUri: null,
  targetUri: null,
  mark,
  dataType: null,
  data: null,
  receivedAt: '2026-03-01T12:00:00Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  count: 1,
  firstAt: '2026-03-01T12:00:00Z',
  lastAt: '2026-03-01T12:00:00Z',
  sessionStart: false,
});

describe('live patches of the fleet stats', () => {
  it('counts a started session in the newest bucket once and lists it', () => {
    const event = { devId: 'd1', sessionId: 's1', at: '2026-03-01T12:00:01Z' };
    const once = withSessionStarted(stats(), event);
    expect(once.sessionsPerMinute.map((b) => b.count)).toEqual([2, 6]);
    expect(once.recentSessions[0]).toMatchObject({ id: 's1', devId: 'd1', status: 'open' });
    expect(withSessionStarted(once, event)).toBe(once);
    const ended = withSessionEnded(once, {
      sessionId: 's1',
      at: '2026-03-01T12:00:02Z',
      reason: 'completed',
    });
    expect(ended.recentSessions[0]).toMatchObject({ status: 'completed', endedAt: '2026-03-01T12:00:02Z' });
  });

  it('counts new marked alerts and lists critical ones; acknowledging takes them off the count', () => {
    const critical = alert('c1', 'critical');
    const withCritical = withAlertReceived(stats(), critical);
    expect(withCritical.openAlertsByMark.critical).toBe(2);
    expect(withCritical.criticalAlerts.map((a) => a.id)).toEqual(['c1']);
    expect(withAlertReceived(withCritical, critical)).toBe(withCritical);
    // The same row grown by a coalesced alert: updated in place, not counted again.
    const grown = { ...critical, count: 3, lastAt: '2026-03-01T12:00:30Z' };
    const coalesced = withAlertReceived(withCritical, grown, true);
    expect(coalesced.openAlertsByMark.critical).toBe(2);
    expect(coalesced.criticalAlerts).toEqual([grown]);
    expect(withAlertReceived(stats(), grown, true).openAlertsByMark.critical).toBe(1);
    expect(withAlertReceived(stats(), { ...critical, sessionStart: true })).toEqual(stats());
    expect(withAlertReceived(stats(), alert('n', null))).toEqual(stats());
    expect(withAlertReceived(stats(), alert('w', 'warning')).criticalAlerts).toEqual([]);

    const acked = { ...critical, acknowledgedAt: '2026-03-01T12:01:00Z', acknowledgedBy: 'ann' };
    const after = withAlertsAcknowledged(withCritical, [acked]);
    expect(after.openAlertsByMark.critical).toBe(1);
    expect(after.criticalAlerts[0]).toEqual(acked);
  });
});
