import type { AlertRecord, CommandRecord, NotificationRecord, SessionSummary } from '@dmc/shared/api';

export type TimelineEntry =
  | { kind: 'session'; at: string; id: string; session: SessionSummary }
  | { kind: 'command'; at: string; id: string; command: CommandRecord }
  | { kind: 'alert'; at: string; id: string; alert: AlertRecord }
  | { kind: 'notification'; at: string; id: string; notification: NotificationRecord };

export type TimelineSources = {
  sessions: readonly SessionSummary[];
  commands: readonly CommandRecord[];
  alerts: readonly AlertRecord[];
  notifications: readonly NotificationRecord[];
};

/**
 * One chronological list, newest first: a session at its start, a command at its last change (so
 * it sits beside the session that ran it), an alert when received, a wake-up when it was made.
 */
export function mergeTimeline(sources: TimelineSources): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...sources.sessions.map((s) => ({
      kind: 'session' as const,
      at: s.startedAt,
      id: `s:${s.id}`,
      session: s,
    })),
    ...sources.commands.map((c) => ({
      kind: 'command' as const,
      at: c.updatedAt,
      id: `c:${c.id}`,
      command: c,
    })),
    ...sources.alerts.map((a) => ({ kind: 'alert' as const, at: a.receivedAt, id: `a:${a.id}`, alert: a })),
    ...sources.notifications.map((n) => ({
      kind: 'notification' as const,
      at: n.createdAt,
      id: `n:${n.id}`,
      notification: n,
    })),
  ];
  // ISO instants of one format sort as text; ties keep a stable order by id.
  return entries.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
}
