import type { QueryClient } from '@tanstack/react-query';
import type { AlertRecord, FleetStats } from '@dmc/shared/api';
import { statsKeys } from '../queries/stats';
import type { InvalidateSoon } from './invalidate-soon';

/**
 * Each event patches what it can of the fleet's numbers at once; all of them together cost one
 * refetch of the aggregates at most every STATS_REFETCH_MS.
 */
export const STATS_REFETCH_MS = 2_000;

/** Applies `update` to the cached stats (if any) and asks for the aggregates again soon. */
export function patchStats(
  queryClient: QueryClient,
  soon: InvalidateSoon,
  update?: (stats: FleetStats) => FleetStats,
): void {
  if (update) {
    queryClient.setQueryData<FleetStats>(statsKeys.fleet(), (old) => (old ? update(old) : old));
  }
  soon(statsKeys.fleet(), STATS_REFETCH_MS);
}

const CRITICAL = new Set(['critical', 'fatal']);
const LATEST = 6;

/** A session started now: one more in the newest bucket, and first in the recent list. */
export function withSessionStarted(
  stats: FleetStats,
  session: { devId: string; sessionId: string; at: string },
): FleetStats {
  const buckets = stats.sessionsPerMinute;
  const last = buckets.at(-1);
  if (stats.recentSessions.some((s) => s.id === session.sessionId)) return stats;
  return {
    ...stats,
    sessionsPerMinute: last ? [...buckets.slice(0, -1), { ...last, count: last.count + 1 }] : buckets,
    recentSessions: [
      {
        id: session.sessionId,
        devId: session.devId,
        status: 'open' as const,
        startedAt: session.at,
        endedAt: null,
      },
      ...stats.recentSessions,
    ].slice(0, LATEST),
  };
}

/** A session ended: its row in the recent list shows how. */
export function withSessionEnded(
  stats: FleetStats,
  session: { sessionId: string; at: string; reason: FleetStats['recentSessions'][number]['status'] },
): FleetStats {
  if (!stats.recentSessions.some((s) => s.id === session.sessionId)) return stats;
  return {
    ...stats,
    recentSessions: stats.recentSessions.map((s) =>
      s.id === session.sessionId ? { ...s, status: session.reason, endedAt: session.at } : s,
    ),
  };
}

/**
 * A new alert: counted open under its mark, and listed when critical or fatal. One that coalesced
 * into an open row (protocol §13) is counted already: only its row is brought up to date.
 */
export function withAlertReceived(stats: FleetStats, alert: AlertRecord, coalesced = false): FleetStats {
  if (alert.sessionStart || !alert.mark || alert.acknowledgedAt !== null) return stats;
  const listed = stats.criticalAlerts.find((a) => a.id === alert.id);
  if (listed) {
    if (listed.count === alert.count && listed.lastAt === alert.lastAt) return stats;
    return { ...stats, criticalAlerts: stats.criticalAlerts.map((a) => (a.id === alert.id ? alert : a)) };
  }
  return {
    ...stats,
    openAlertsByMark: coalesced
      ? stats.openAlertsByMark
      : { ...stats.openAlertsByMark, [alert.mark]: stats.openAlertsByMark[alert.mark] + 1 },
    criticalAlerts: CRITICAL.has(alert.mark)
      ? [alert, ...stats.criticalAlerts].slice(0, LATEST)
      : stats.criticalAlerts,
  };
}

/** Alerts acknowledged (the event carries only alerts that were open until then). */
export function withAlertsAcknowledged(stats: FleetStats, alerts: readonly AlertRecord[]): FleetStats {
  const open = { ...stats.openAlertsByMark };
  for (const alert of alerts) if (alert.mark) open[alert.mark] = Math.max(0, open[alert.mark] - 1);
  const byId = new Map(alerts.map((a) => [a.id, a]));
  return {
    ...stats,
    openAlertsByMark: open,
    criticalAlerts: stats.criticalAlerts.map((a) => byId.get(a.id) ?? a),
  };
}
