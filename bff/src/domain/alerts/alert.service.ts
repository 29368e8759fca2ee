import { z } from 'zod';
import type { AlertPage, ListAlertsQuery } from '@dmc/shared/api';
import type { Store } from '../../persistence/ports';
import { InputError } from '../errors';
import { toAlertRecord } from './alert-view';

const cursorSchema = z.object({ t: z.number(), i: z.string() });

function decodeCursor(raw: string) {
  try {
    const c = cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return { receivedAt: new Date(c.t), id: c.i };
  } catch {
    throw new InputError('The cursor is not valid; start again from the first page.');
  }
}

/** Stored alerts, newest first, with keyset paging. */
export async function listAlerts(store: Store, query: ListAlertsQuery): Promise<AlertPage> {
  const rows = await store.alerts.list({
    limit: query.limit + 1,
    ...(query.devId ? { devId: query.devId } : {}),
    ...(query.type ? { alertType: query.type } : {}),
    ...(query.mark ? { mark: query.mark } : {}),
    ...(query.since ? { since: new Date(query.since) } : {}),
    ...(query.cursor ? { before: decodeCursor(query.cursor) } : {}),
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAlertRecord),
    nextCursor:
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify({ t: last.receivedAt.getTime(), i: last.id })).toString('base64url')
        : null,
  };
}
