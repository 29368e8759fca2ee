// Live events for consoles (protocol §8, "Live events"): each socket.io event of
// `@dmc/shared/events` is built by exactly one function here; services publish what these return.
import type { SessionEndedEvent, ServerEventName, ServerToClientEvents } from '@dmc/shared/events';
import type {
  AlertRow,
  StoredAlert,
  CommandRow,
  DeviceRow,
  NodeChange,
  NotificationRow,
  OperationRow,
  RefusalRow,
} from '../../persistence/ports';
import type { EventPublisher } from '../ports';
import { toAlertRecord } from '../alerts/alert-view';
import { toDeviceView } from '../devices/device-view';
import { toNotificationRecord } from '../notify/notification-view';
import { toOperationRecord } from '../operations/operation-view';
import { toRefusalRecord } from '../refusals/refusal-view';

import {
  commandOutcomeOf,
  type CampaignRecord,
  type ProfileCounts,
  type ProfileDeviceState,
} from '@dmc/shared/api';

type Payload<K extends ServerEventName> = Parameters<ServerToClientEvents[K]>[0];

/** One event ready to publish; `scope` limits it to the consoles watching one device. */
export type LiveEvent = {
  [K in ServerEventName]: { name: K; payload: Payload<K>; scope?: { devId: string } };
}[ServerEventName];

/** What changed the nodes of a `tree:changed` event. */
export interface TreeChangeSource {
  kind: 'command' | 'report' | 'session';
  id: string | null;
}

export function deviceUpdated(row: DeviceRow, now: Date): LiveEvent & { name: 'device:updated' } {
  return { name: 'device:updated', payload: { device: toDeviceView(row, now) } };
}

export function deviceRemoved(devId: string): LiveEvent {
  return { name: 'device:removed', payload: { devId } };
}

export function sessionStarted(devId: string, sessionId: string, at: Date): LiveEvent {
  return { name: 'session:started', payload: { devId, sessionId, at: at.toISOString() } };
}

export function sessionEnded(
  devId: string,
  sessionId: string,
  at: Date,
  reason: SessionEndedEvent['reason'],
): LiveEvent {
  return { name: 'session:ended', payload: { devId, sessionId, at: at.toISOString(), reason } };
}

/** A command moved to the state it has in `row`, at `at`. */
export function commandStateChanged(row: CommandRow, at: Date): LiveEvent {
  const { id, devId, state, sc, deliveries, reason } = row;
  const outcome = commandOutcomeOf(row);
  return {
    name: 'command:state-changed',
    payload: { id, devId, state, sc, deliveries, reason, outcome, at: at.toISOString() },
  };
}

/** Changes one `tree:changed` event carries at most (protocol §8). */
export const MAX_CHANGES_PER_EVENT = 2_000;

function treeChangedEvent(
  devId: string,
  group: readonly NodeChange[],
  source: TreeChangeSource,
  at: Date,
): LiveEvent {
  const first = group[0];
  const payload = {
    devId,
    moid: first?.moid ?? '',
    miid: first?.miid ?? '',
    changes: group.map((c) => ({
      path: c.path,
      oldValue: c.oldValue,
      newValue: c.newValue,
      deleted: c.deleted,
    })),
    source,
    at: at.toISOString(),
  };
  return { name: 'tree:changed', payload, scope: { devId } };
}

/**
 * One event per MO instance whose nodes changed, for the watchers of the device; a big write's
 * changes go in several events of at most MAX_CHANGES_PER_EVENT, so that none takes long to encode.
 */
export function treeChanged(
  devId: string,
  changes: readonly NodeChange[],
  source: TreeChangeSource,
  at: Date,
): LiveEvent[] {
  // Appended in place: a write may change tens of thousands of nodes (ARCHITECTURE.md, tree writes).
  const groups = new Map<string, NodeChange[]>();
  for (const c of changes) {
    const key = `${c.moid}\n${c.miid}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [c]);
    else group.push(c);
  }
  const events: LiveEvent[] = [];
  for (const group of groups.values()) {
    for (let start = 0; start < group.length; start += MAX_CHANGES_PER_EVENT) {
      events.push(treeChangedEvent(devId, group.slice(start, start + MAX_CHANGES_PER_EVENT), source, at));
    }
  }
  return events;
}

/** A stored alert: a new row, or `coalesced` into the open row it names (protocol §13). */
export function alertReceived(stored: StoredAlert): LiveEvent {
  return {
    name: 'alert:received',
    payload: {
      alert: toAlertRecord(stored.row),
      coalesced: stored.coalesced,
      occurrences: stored.occurrences,
    },
  };
}

export function alertAcknowledged(rows: readonly AlertRow[]): LiveEvent {
  return { name: 'alert:acknowledged', payload: { alerts: rows.map(toAlertRecord) } };
}

export function notificationUpdated(row: NotificationRow): LiveEvent {
  return { name: 'notification:updated', payload: { notification: toNotificationRecord(row) } };
}

export function operationUpdated(row: OperationRow): LiveEvent {
  return { name: 'operation:updated', payload: { operation: toOperationRecord(row) } };
}

/** A refused contact of the device was recorded; for the consoles watching the device. */
export function deviceRefused(row: RefusalRow): LiveEvent {
  return {
    name: 'device:refused',
    payload: { devId: row.devId, refusal: toRefusalRecord(row) },
    scope: { devId: row.devId },
  };
}

/** A campaign changed (protocol §11): its state, waves and counts as they now stand. */
export function campaignUpdated(campaign: CampaignRecord): LiveEvent {
  return { name: 'campaign:updated', payload: { campaign } };
}

/** A configuration profile was created, changed or `removed` (protocol §14); consoles read it again. */
export function profileChanged(id: string, removed: boolean): LiveEvent {
  return { name: 'profile:changed', payload: { id, removed } };
}

/** A profile's device counts as they now stand (throttled per profile by its publisher). */
export function profileCountsChanged(id: string, counts: ProfileCounts): LiveEvent {
  return { name: 'profile:counts', payload: { id, counts } };
}

/** A device's state in one profile changed; for the consoles watching the device. */
export function profileDeviceStateChanged(profileState: ProfileDeviceState): LiveEvent {
  return { name: 'profile:device-state', payload: { profileState }, scope: { devId: profileState.devId } };
}

/** Publishes built events in order. */
export function publish(publisher: EventPublisher, events: LiveEvent | readonly LiveEvent[]): void {
  const list: readonly LiveEvent[] = 'name' in events ? [events] : events;
  // The union of names defeats the port's per-name typing; each LiveEvent pairs name and payload.
  const send = publisher.publish.bind(publisher) as (name: string, payload: unknown, scope?: object) => void;
  for (const event of list) {
    if (event.scope) send(event.name, event.payload, event.scope);
    else send(event.name, event.payload);
  }
}
