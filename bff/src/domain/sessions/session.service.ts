// A device's DM sessions for its timeline and the session inspector (console, profile §13).
import type { InspectedSession, SessionList, SessionSummary } from '@dmc/shared/api';
import type { Store } from '../../persistence/ports';
import { NotFoundError } from '../errors';
import { RECORDS_KEPT } from '../refusals/refusal.service';
import { toRefusalRecord } from '../refusals/refusal-view';
import { inspectRefusal, inspectSession, refusalReason } from '../session-log/session-inspector';
import { decodeSessionCursor, encodeSessionCursor } from './session-cursor';
import { toSessionSummary } from './session-view';

export interface SessionService {
  /**
   * The device's sessions and refused contacts, newest first, from `cursor` on; NotFoundError for an
   * unknown device, InputError for a cursor that is not one of ours.
   */
  listForDevice(devId: string, limit: number, cursor?: string): Promise<SessionList>;
  /** One session with its packages explained, or a refused contact; NotFoundError otherwise. */
  inspect(devId: string, sessionId: string): Promise<InspectedSession>;
}

export function createSessionService(store: Store): SessionService {
  async function requireDevice(devId: string): Promise<void> {
    if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
  }

  return {
    async listForDevice(devId, limit, cursor) {
      await requireDevice(devId);
      const before = cursor === undefined ? undefined : decodeSessionCursor(cursor);
      const [rows, refusals] = await Promise.all([
        store.sessions.listByDevice(devId, limit + 1, before),
        store.refusals.listByDevice(devId, RECORDS_KEPT),
      ]);
      const counts = new Map(
        (await store.sessionLog.countBySessions(rows.map((r) => r.id))).map((c) => [c.sessionId, c]),
      );
      const sessions = rows.map((row): SessionSummary => {
        const count = counts.get(row.id);
        const end = row.endedAt ?? row.updatedAt;
        return {
          ...toSessionSummary(row),
          durationMs: Math.max(0, end.getTime() - row.startedAt.getTime()),
          packageCount: count?.packages ?? 0,
          commandCount: count?.commands ?? 0,
        };
      });
      const refused = refusals
        .filter((r) => !before || r.at.getTime() < before.startedAt.getTime())
        .map((row): SessionSummary => {
          const record = toRefusalRecord(row);
          return {
            id: record.id,
            status: 'refused',
            startedAt: record.at,
            endedAt: record.at,
            durationMs: 0,
            packageCount: 0,
            commandCount: 0,
            reason: refusalReason(record),
          };
        });
      const merged = [...sessions, ...refused].sort(
        (a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id),
      );
      const items = merged.slice(0, limit);
      const last = items.at(-1);
      const more = merged.length > limit;
      return {
        items,
        ...(more && last ? { nextCursor: encodeSessionCursor(new Date(last.startedAt), last.id) } : {}),
      };
    },

    async inspect(devId, sessionId) {
      await requireDevice(devId);
      const session = await store.sessions.findById(sessionId);
      if (session && session.devId === devId) return inspectSession(store, session);
      const refusal = (await store.refusals.listByDevice(devId, RECORDS_KEPT)).find(
        (r) => r.id === sessionId,
      );
      if (refusal) return inspectRefusal(devId, toRefusalRecord(refusal));
      throw new NotFoundError(`Device "${devId}" has no session "${sessionId}".`);
    },
  };
}
