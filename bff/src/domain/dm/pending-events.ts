// Live events gathered during a transaction and published only after it commits, so consoles never
// see a change that was rolled back.
import type { CommandRow, DeviceRow, NodeChange } from '../../persistence/ports';
import type { StoredAlert } from '../../persistence/ports';
import type { EventPublisher } from '../ports';
import { nextTurn } from '../tree/next-turn';
import type { SessionEndReason } from '../../protocol/session/session-state';
import {
  alertReceived,
  commandStateChanged,
  deviceUpdated,
  publish,
  sessionEnded,
  sessionStarted,
  treeChanged,
  type LiveEvent,
  type TreeChangeSource,
} from '../events/live-events';

export interface PendingEvents {
  command(row: CommandRow): void;
  alert(stored: StoredAlert): void;
  treeChanged(changes: readonly NodeChange[], source: TreeChangeSource): void;
  /**
   * The device's row changed. With `row` (the row as this transaction leaves it, e.g. the contact
   * recorded under its lock) it is announced as it is, with no read; without, it is read again.
   */
  deviceChanged(row?: DeviceRow): void;
  sessionStarted(): void;
  sessionEnded(reason: SessionEndReason): void;
  /** Publishes what was gathered; `announceDevice` publishes the device view when it changed. */
  flush(publisher: EventPublisher, announceDevice: () => Promise<void>): Promise<void>;
}

export function createPendingEvents(devId: string, sessionId: string, now: Date): PendingEvents {
  const queue: LiveEvent[] = [];
  let isDeviceChanged = false;
  let knownRow: DeviceRow | undefined;
  let isRowUnknown = false;
  return {
    command(row) {
      queue.push(commandStateChanged(row, now));
    },
    alert(stored) {
      queue.push(alertReceived(stored));
    },
    treeChanged(changes, source) {
      queue.push(...treeChanged(devId, changes, source, now));
    },
    deviceChanged(row) {
      isDeviceChanged = true;
      if (row === undefined) isRowUnknown = true;
      else knownRow = row;
    },
    sessionStarted() {
      queue.push(sessionStarted(devId, sessionId, now));
    },
    sessionEnded(reason) {
      queue.push(sessionEnded(devId, sessionId, now, reason));
    },
    async flush(publisher, announceDevice) {
      // Each event is encoded as it is published: a big write's many tree events take turns with
      // other work (ARCHITECTURE.md, event-loop budget).
      for (const [i, event] of queue.entries()) {
        if (i > 0 && event.name === 'tree:changed') await nextTurn();
        publish(publisher, event);
      }
      if (!isDeviceChanged) return;
      if (knownRow && !isRowUnknown) publish(publisher, deviceUpdated(knownRow, now));
      else await announceDevice();
    },
  };
}
