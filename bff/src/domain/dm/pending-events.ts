// Live events gathered during a transaction and published only after it commits, so consoles never
// see a change that was rolled back.
import type { CommandRow, NodeChange } from '../../persistence/ports';
import type { AlertRow } from '../../persistence/ports';
import type { EventPublisher } from '../ports';
import type { SessionEndReason } from '../../protocol/session/session-state';
import { toAlertRecord } from '../alerts/alert-view';

export interface PendingEvents {
  command(row: CommandRow): void;
  alert(row: AlertRow): void;
  treeChanged(
    changes: readonly NodeChange[],
    source: { kind: 'command' | 'report' | 'session'; id: string | null },
  ): void;
  deviceChanged(): void;
  sessionStarted(): void;
  sessionEnded(reason: SessionEndReason): void;
  /** Publishes what was gathered; `announceDevice` publishes the device view when it changed. */
  flush(publisher: EventPublisher, announceDevice: () => Promise<void>): Promise<void>;
}

export function createPendingEvents(devId: string, sessionId: string, now: Date): PendingEvents {
  const queue: ((p: EventPublisher) => void)[] = [];
  let isDeviceChanged = false;
  const at = now.toISOString();
  return {
    command(row) {
      queue.push((p) =>
        p.publish('command:state-changed', { id: row.id, devId, state: row.state, sc: row.sc, at }),
      );
    },
    alert(row) {
      queue.push((p) => p.publish('alert:received', { alert: toAlertRecord(row) }));
    },
    treeChanged(changes, source) {
      const groups = new Map<string, NodeChange[]>();
      for (const c of changes) {
        const key = `${c.moid}\n${c.miid}`;
        groups.set(key, [...(groups.get(key) ?? []), c]);
      }
      for (const group of groups.values()) {
        const first = group[0];
        if (!first) continue;
        const payload = {
          devId,
          moid: first.moid,
          miid: first.miid,
          changes: group.map((c) => ({
            path: c.path,
            oldValue: c.oldValue,
            newValue: c.newValue,
            deleted: c.deleted,
          })),
          source,
          at,
        };
        queue.push((p) => p.publish('tree:changed', payload, { devId }));
      }
    },
    deviceChanged() {
      isDeviceChanged = true;
    },
    sessionStarted() {
      queue.push((p) => p.publish('session:started', { devId, sessionId, at }));
    },
    sessionEnded(reason) {
      queue.push((p) => p.publish('session:ended', { devId, sessionId, at, reason }));
    },
    async flush(publisher, announceDevice) {
      for (const send of queue) send(publisher);
      if (isDeviceChanged) await announceDevice();
    },
  };
}
