// The dashboard's view of the fleet: a handful of indexed aggregate queries, run side by side.
import {
  FIRMWARE_TOP,
  ONLINE_WINDOW_S,
  SESSION_BUCKETS,
  type AlertStats,
  type AlertStatsQuery,
  type CommandsInFlight,
  type FleetStats,
  type OpenAlertsByMark,
} from '@dmc/shared/api';
import { ALERT_MARKS } from '@dmc/shared/protocol';
import type { Store } from '../../persistence/ports';
import { toAlertRecord } from '../alerts/alert-view';
import type { Clock } from '../ports';
import { toSessionSummary } from '../sessions/session-view';
import { getAlertStats } from './alert-stats';

const MINUTE_MS = 60_000;
const IN_FLIGHT = ['queued', 'sent', 'accepted'] as const;
const LATEST = 6;

function emptyMarks(): OpenAlertsByMark {
  return Object.fromEntries(ALERT_MARKS.map((mark) => [mark, 0])) as OpenAlertsByMark;
}

export async function getFleetStats(store: Store, clock: Clock): Promise<FleetStats> {
  const now = clock.now();
  // Buckets end at `now`, so the last one is "the last 60 seconds" rather than a partial minute.
  const from = new Date(now.getTime() - SESSION_BUCKETS * MINUTE_MS);
  const [devices, onlineNow, perMinute, openByMark, commands, firmware, critical, recent] = await Promise.all(
    [
      store.stats.countDevices(),
      store.stats.countSeenSince(new Date(now.getTime() - ONLINE_WINDOW_S * 1000)),
      store.sessions.countStartedPerBucket(from, MINUTE_MS, SESSION_BUCKETS),
      store.alerts.countOpenByMark(),
      store.stats.countCommandsByState(IN_FLIGHT),
      store.stats.countByFirmware(FIRMWARE_TOP),
      store.alerts.list({ marks: ['critical', 'fatal'], limit: LATEST }),
      store.sessions.listRecent(LATEST),
    ],
  );

  const openAlertsByMark = emptyMarks();
  for (const { mark, count } of openByMark) openAlertsByMark[mark] += count;
  const commandsByState: CommandsInFlight = { queued: 0, sent: 0, accepted: 0 };
  for (const { state, count } of commands) {
    if (state === 'queued' || state === 'sent' || state === 'accepted') commandsByState[state] = count;
  }
  const named = firmware.reduce((sum, share) => sum + share.count, 0);

  return {
    generatedAt: now.toISOString(),
    devices,
    onlineNow,
    sessionsPerMinute: perMinute.map((count, i) => ({
      at: new Date(from.getTime() + i * MINUTE_MS).toISOString(),
      count,
    })),
    openAlertsByMark,
    commandsByState,
    firmwareVersions: firmware,
    // Counted apart from the grouped query, so a device registered in between can only skew this by one.
    firmwareOther: Math.max(0, devices - named),
    criticalAlerts: critical.map(toAlertRecord),
    recentSessions: recent.map((row) => ({ ...toSessionSummary(row), devId: row.devId })),
  };
}

export interface StatsService {
  /** The fleet at a glance, computed now. */
  fleet(): Promise<FleetStats>;
  /** Alerts by type over time (protocol §13). */
  alerts(query: AlertStatsQuery): Promise<AlertStats>;
}

export function createStatsService(store: Store, clock: Clock): StatsService {
  return {
    fleet: () => getFleetStats(store, clock),
    alerts: (query) => getAlertStats(store, clock.now(), query),
  };
}
