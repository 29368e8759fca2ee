// Batched statements of the campaign device repository over other tables: alerts counted in
// per-device windows (the health gate). One statement per batch whatever its size (rowsTable), at
// most 1,000 devices a call.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AlertWindow } from '../ports';
import { rowsTable, type Engine } from './dialect';
import { intColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const nSchema = z.object({ n: intColumn.nullable() });

/** How many alerts the devices raised, each in its own window [from, to); session starts aside. */
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
  // Occurrences (a coalesced row counts its count, at its latest arrival); session starts are not
  // alerts of health (protocol §13).
  const { rows: counted } = await sql`select sum(a.count) as n from ${rows} cross join alerts as a
    where a.dev_id = k.dev_id and a.received_at >= k.since and a.received_at < k.until
    and a.session_start = 0`.execute(db);
  return parseRow('alerts', nSchema, counted[0]).n ?? 0;
}
