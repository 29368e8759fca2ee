import { z } from 'zod';
import type { AlertList, AlertPage, AlertRecord, ListAlertsQuery } from '@dmc/shared/api';
import type { Store } from '../../persistence/ports';
import { NotFoundError } from '../errors';
import type { Clock, EventPublisher } from '../ports';
import { alertAcknowledged, publish } from '../events/live-events';
import { decodeCursor, encodeCursor } from '../paging/cursor';
import { toAlertRecord } from './alert-view';

const cursorSchema = z.object({ t: z.number(), i: z.string() });

function decodeAlertCursor(raw: string) {
  const c = decodeCursor(raw, cursorSchema);
  return { receivedAt: new Date(c.t), id: c.i };
}

/** Stored alerts, newest first, with keyset paging. */
export async function listAlerts(store: Store, query: ListAlertsQuery): Promise<AlertPage> {
  const rows = await store.alerts.list({
    limit: query.limit + 1,
    ...(query.devId ? { devId: query.devId } : {}),
    ...(query.type ? { alertType: query.type } : {}),
    ...(query.mark ? { mark: query.mark } : {}),
    ...(query.since ? { since: new Date(query.since) } : {}),
    ...(query.open === undefined ? {} : { open: query.open }),
    ...(query.sessionAlerts === false ? { sessionStart: false } : {}),
    ...(query.cursor ? { before: decodeAlertCursor(query.cursor) } : {}),
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAlertRecord),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ t: last.receivedAt.getTime(), i: last.id }) : null,
  };
}

export interface AlertService {
  list(query: ListAlertsQuery): Promise<AlertPage>;
  /** Acknowledges the open ones of `ids`; returns those it changed and tells every console. */
  acknowledge(ids: readonly string[], by: string): Promise<AlertList>;
  /** Acknowledges one alert; an alert acknowledged before is returned as it stands. */
  acknowledgeOne(id: string, by: string): Promise<AlertRecord>;
}

export function createAlertService(
  store: Store,
  deps: { clock: Clock; events: EventPublisher },
): AlertService {
  const acknowledge = async (ids: readonly string[], by: string): Promise<AlertList> => {
    const changed = await store.alerts.acknowledge(ids, by, deps.clock.now());
    if (changed.length > 0) publish(deps.events, alertAcknowledged(changed));
    return { items: changed.map(toAlertRecord) };
  };
  return {
    list: (query) => listAlerts(store, query),
    acknowledge,
    async acknowledgeOne(id, by) {
      const [changed] = (await acknowledge([id], by)).items;
      if (changed) return changed;
      const stored = await store.alerts.find(id);
      if (!stored) throw new NotFoundError(`No alert "${id}".`);
      return toAlertRecord(stored);
    },
  };
}
