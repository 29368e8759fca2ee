import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '@dmc/shared/api';
import { matchesAlertList, toAlertQuery } from './alert-filters';

const NOW = Date.parse('2026-03-01T12:00:00Z');

function alert(overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id: 'a1',
    devId: 'IMEI:1',
    sessionId: null,
    alertType: 'urn:dmc:at:sim:1.0:StorageFull',
    sourceUri: null,
    targetUri: null,
    mark: 'critical',
    dataType: null,
    data: null,
    receivedAt: '2026-03-01T11:59:00Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    count: 1,
    firstAt: '2026-03-01T11:59:00Z',
    lastAt: '2026-03-01T11:59:00Z',
    sessionStart: false,
    ...overrides,
  };
}

describe('alert list filters', () => {
  it('turns the URL filters into the API query', () => {
    expect(
      toAlertQuery(
        {
          devId: 'IMEI:1',
          mark: 'fatal',
          type: 'urn:x',
          status: 'acknowledged',
          window: '1h',
          showSessionAlerts: false,
        },
        50,
        NOW,
      ),
    ).toEqual({
      devId: 'IMEI:1',
      mark: 'fatal',
      type: 'urn:x',
      open: 'false',
      since: '2026-03-01T11:00:00.000Z',
      sessionAlerts: 'false',
      limit: 50,
    });
    expect(toAlertQuery({ devId: null, status: 'all' }, 10, NOW)).toEqual({ limit: 10 });
    expect(toAlertQuery({ devId: null, status: 'open' }, 10, NOW)).toEqual({ open: 'true', limit: 10 });
  });

  it('decides which cached lists a live alert belongs to', () => {
    const fresh = alert();
    expect(matchesAlertList({ devId: null }, fresh, NOW)).toBe(true);
    expect(matchesAlertList({ devId: 'IMEI:2' }, fresh, NOW)).toBe(false);
    expect(matchesAlertList({ devId: null, mark: 'minor' }, fresh, NOW)).toBe(false);
    expect(matchesAlertList({ devId: null, type: 'urn:other' }, fresh, NOW)).toBe(false);
    expect(matchesAlertList({ devId: null, status: 'open' }, fresh, NOW)).toBe(true);
    expect(matchesAlertList({ devId: null, status: 'acknowledged' }, fresh, NOW)).toBe(false);
    expect(
      matchesAlertList({ devId: null, window: '1h' }, alert({ receivedAt: '2026-03-01T10:00:00Z' }), NOW),
    ).toBe(false);
    const session = alert({ alertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt', mark: null });
    expect(matchesAlertList({ devId: null, showSessionAlerts: false }, session, NOW)).toBe(false);
    expect(matchesAlertList({ devId: null, showSessionAlerts: true }, session, NOW)).toBe(true);
  });
});
