// One DM session as the session inspector shows it (profile §13): the P0 that woke the device (when
// one is linked to the session), then every stored package in order, each explained in words; or a
// refused contact, with its reason.
import { REDACTED, type InspectedSession, type RefusalRecord, type SessionPackage } from '@dmc/shared/api';
import { explainSession } from '@dmc/shared/protocol';
import type { NotificationRow, SessionPackageRow, SessionRow, Store } from '../../persistence/ports';

/** Notifications of a device searched for the one a session answered. */
const NOTIFICATIONS_SEARCHED = 50;

type Unnumbered = Omit<SessionPackage, 'seq' | 'explained'>;

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function fromRow(row: SessionPackageRow): Unnumbered {
  return {
    kind: row.kind,
    at: row.at.toISOString(),
    status: row.status,
    durationMs: row.durationMs,
    commandId: row.commandId,
    body: parseBody(row.body),
    truncated: row.truncated,
  };
}

/** The P0 as the server sent it; its digest is made with the device's notification secret. */
function fromNotification(row: NotificationRow): Unnumbered {
  return {
    kind: 'P0',
    at: row.createdAt.toISOString(),
    status: null,
    durationMs: 0,
    commandId: null,
    body: {
      notificationId: row.notificationId,
      reason: row.reason,
      attempts: row.attempts,
      digest: REDACTED,
      ...(row.lastError ? { lastError: row.lastError } : {}),
    },
    truncated: false,
  };
}

/** Time order; packages of one moment in the order they were written. */
function inOrder(packages: readonly { pkg: Unnumbered; seq: number }[]): Unnumbered[] {
  return [...packages].sort((a, b) => a.pkg.at.localeCompare(b.pkg.at) || a.seq - b.seq).map((p) => p.pkg);
}

export async function inspectSession(store: Store, session: SessionRow): Promise<InspectedSession> {
  const [rows, notifications] = await Promise.all([
    store.sessionLog.listBySession(session.id),
    store.notifications.listByDevice(session.devId, NOTIFICATIONS_SEARCHED),
  ]);
  const wake = notifications.find((n) => n.sessionId === session.id);
  const ordered = [
    ...(wake ? [fromNotification(wake)] : []),
    ...inOrder(rows.map((row) => ({ pkg: fromRow(row), seq: row.seq }))),
  ];
  const explained = explainSession(ordered);
  return {
    id: session.id,
    devId: session.devId,
    startedAt: session.startedAt.toISOString(),
    endedAt: session.endedAt?.toISOString() ?? null,
    state: session.status,
    packages: ordered.map((pkg, i) => ({ seq: i + 1, ...pkg, explained: explained[i] ?? [] })),
  };
}

/** What a refused contact says, in one line: "401 UNAUTHENTICATED: Authentication failed …". */
export function refusalReason(refusal: Pick<RefusalRecord, 'status' | 'code' | 'reason'>): string {
  return `${refusal.status} ${refusal.code}: ${refusal.reason}`;
}

export function inspectRefusal(devId: string, refusal: RefusalRecord): InspectedSession {
  return {
    id: refusal.id,
    devId,
    startedAt: refusal.at,
    endedAt: refusal.at,
    state: 'refused',
    reason: refusalReason(refusal),
    packages: [],
  };
}
