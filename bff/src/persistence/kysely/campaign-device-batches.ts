// Batched statements of the campaign device repository over other tables: alerts counted in
// per-device windows (the health gate) and labels changed on many devices (bulk work). One statement
// per batch whatever its size (rowsTable), at most 1,000 devices a call.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AlertWindow } from '../ports';
import { rowsTable, type Engine } from './dialect';
import { intColumn, jsonColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const nSchema = z.object({ n: intColumn.nullable() });
const labelsSchema = z.object({ dev_id: z.string(), labels: jsonColumn(z.array(z.string())) });

const idsTable = (engine: Engine, devIds: readonly string[]) =>
  rowsTable(
    engine,
    'k',
    [{ name: 'dev_id', type: 'text' }],
    devIds.map((d) => [d]),
  );

/** How many alerts the devices raised, each in its own window [from, to). */
export async function countAlertsIn(
  db: Kysely<Database>,
  engine: Engine,
  windows: readonly AlertWindow[],
): Promise<number> {
  if (windows.length === 0) return 0;
  const rows = rowsTable(
    engine,
    'k',
    [
      { name: 'dev_id', type: 'text' },
      { name: 'since', type: 'bigint' },
      { name: 'until', type: 'bigint' },
    ],
    windows.map((w) => [w.devId, w.from.getTime(), w.to.getTime()]),
  );
  const { rows: counted } = await sql`select count(*) as n from ${rows} cross join alerts as a
    where a.dev_id = k.dev_id and a.received_at >= k.since and a.received_at < k.until`.execute(db);
  return parseRow('alerts', nSchema, counted[0]).n ?? 0;
}

/** Adds and removes labels (the JSON column and device_labels); returns the devIds changed. */
export async function changeLabelsOf(
  db: Kysely<Database>,
  engine: Engine,
  devIds: readonly string[],
  add: readonly string[],
  remove: readonly string[],
): Promise<string[]> {
  if (devIds.length === 0) return [];
  const { rows } = await sql`select v.dev_id, v.labels from ${idsTable(engine, devIds)}
    cross join devices as v where v.dev_id = k.dev_id`.execute(db);
  const changed: (readonly [string, string])[] = [];
  const removing = new Set(remove);
  for (const raw of rows) {
    const { dev_id: devId, labels } = parseRow('devices', labelsSchema, raw);
    const next = [...new Set([...labels.filter((l) => !removing.has(l)), ...add])];
    if (next.length !== labels.length || next.some((l, i) => l !== labels[i]))
      changed.push([devId, JSON.stringify(next)]);
  }
  if (changed.length === 0) return [];
  const ids = changed.map(([devId]) => devId);
  const values = rowsTable(
    engine,
    'k',
    [
      { name: 'dev_id', type: 'text' },
      { name: 'labels', type: 'text' },
    ],
    changed,
  );
  await sql`update devices set labels = k.labels from ${values} where devices.dev_id = k.dev_id`.execute(db);
  if (remove.length > 0) {
    await db
      .deleteFrom('device_labels')
      .where('dev_id', 'in', ids)
      .where('label', 'in', [...remove])
      .execute();
  }
  for (const label of add) {
    await sql`insert into device_labels (dev_id, label) select k.dev_id, ${label} from ${idsTable(engine, ids)}
      where true on conflict do nothing`.execute(db);
  }
  return ids;
}
