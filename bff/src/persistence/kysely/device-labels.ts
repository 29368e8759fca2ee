// Label writes (protocol §8, "Device labels"): one device's labels replaced, or labels added to and
// removed from any number of devices. Labels live twice: rows of device_labels (the fleet query's
// `label` and the list's label filter read them) and the sorted JSON copy in devices.labels that
// device views read; every write here keeps both in step in one transaction.
import { MAX_LABELS_PER_DEVICE } from '@dmc/shared/api';
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { z } from 'zod';
import { LABEL_BATCH, type LabelChange, type LabelChangeResult } from '../ports';
import type { Engine } from './dialect';
import { inTransaction, nextTurn } from './query-helpers';
import { intColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

/**
 * A list of texts bound as one value, for `x in …` and `x not in …`: a JSON array through json_each
 * on SQLite, an array through unnest on PostgreSQL. The SQL text does not depend on the count.
 */
function textList(engine: Engine, values: readonly string[]): RawBuilder<unknown> {
  return engine === 'sqlite'
    ? sql`(select value from json_each(${JSON.stringify(values)}))`
    : sql`(select unnest(${[...values]}::text[]))`;
}

/** The same list as a table `alias(value)`, to select from. */
function textTable(engine: Engine, values: readonly string[], alias: string): RawBuilder<unknown> {
  return engine === 'sqlite'
    ? sql`json_each(${JSON.stringify(values)}) as ${sql.id(alias)}`
    : sql`unnest(${[...values]}::text[]) as ${sql.id(alias)}(value)`;
}

/** devices.labels of the given devices, made again from their device_labels rows, sorted. */
async function rewriteLabelJson(db: Kysely<Database>, engine: Engine, devIds: RawBuilder<unknown>) {
  const labels =
    engine === 'sqlite'
      ? sql<string>`(select json_group_array(label order by label) from device_labels where device_labels.dev_id = devices.dev_id)`
      : sql<string>`coalesce((select json_agg(label order by label)::text from device_labels where device_labels.dev_id = devices.dev_id), '[]')`;
  await db
    .updateTable('devices')
    .set({ labels })
    .where(sql<boolean>`dev_id in ${devIds}`)
    .execute();
}

const keptSchema = z.object({ dev_id: z.string(), kept: intColumn });

/** One batch of changeLabels, in its own transaction (or the caller's). */
async function changeBatch(
  db: Kysely<Database>,
  engine: Engine,
  devIds: readonly string[],
  change: LabelChange,
  maxLabels: number,
): Promise<LabelChangeResult> {
  const add = [...new Set(change.add)];
  const remove = [...new Set(change.remove)];
  return inTransaction(db, async (trx) => {
    // 1. Lock the batch's device rows (devId order: two batches never wait on each other in a
    // cycle) and count, per device, the labels neither added nor removed.
    const touched = textList(engine, [...add, ...remove]);
    const counted = sql`select d.dev_id, (select count(*) from device_labels x where x.dev_id = d.dev_id and x.label not in ${touched}) as kept from devices d where d.dev_id in ${textList(engine, devIds)} order by d.dev_id`;
    const { rows } = await (engine === 'postgres' ? sql`${counted} for no key update of d` : counted).execute(
      trx,
    );
    const fits = new Set<string>();
    const over = new Set<string>();
    for (const raw of rows) {
      const row = parseRow('devices', keptSchema, raw);
      (row.kept + add.length > maxLabels ? over : fits).add(row.dev_id);
    }
    const applied = devIds.filter((id) => fits.has(id));
    if (applied.length > 0) {
      const ids = textList(engine, applied);
      // 2. Removals, 3. additions (a label the device has already stays as it is), 4. the JSON copy.
      if (remove.length > 0) {
        await trx
          .deleteFrom('device_labels')
          .where(sql<boolean>`dev_id in ${ids}`)
          .where(sql<boolean>`label in ${textList(engine, remove)}`)
          .execute();
      }
      if (add.length > 0) {
        // `where true` keeps SQLite from reading ON CONFLICT as part of the SELECT's join.
        await trx
          .insertInto('device_labels')
          .columns(['dev_id', 'label'])
          .expression(
            sql`select i.value, l.value from ${textTable(engine, applied, 'i')} cross join ${textTable(engine, add, 'l')} where true`,
          )
          .onConflict((oc) => oc.columns(['dev_id', 'label']).doNothing())
          .execute();
      }
      await rewriteLabelJson(trx, engine, ids);
    }
    return { applied, overLimit: devIds.filter((id) => over.has(id)) };
  });
}

export async function changeLabels(
  db: Kysely<Database>,
  engine: Engine,
  devIds: readonly string[],
  change: LabelChange,
  maxLabels = MAX_LABELS_PER_DEVICE,
): Promise<LabelChangeResult> {
  const unique = [...new Set(devIds)];
  const result: LabelChangeResult = { applied: [], overLimit: [] };
  for (let start = 0; start < unique.length; start += LABEL_BATCH) {
    if (start > 0) await nextTurn();
    const batch = await changeBatch(db, engine, unique.slice(start, start + LABEL_BATCH), change, maxLabels);
    result.applied.push(...batch.applied);
    result.overLimit.push(...batch.overLimit);
  }
  return result;
}

export async function replaceLabels(
  db: Kysely<Database>,
  engine: Engine,
  devId: string,
  labels: readonly string[],
): Promise<boolean> {
  const unique = [...new Set(labels)];
  return inTransaction(db, async (trx) => {
    const query = trx.selectFrom('devices').select('dev_id').where('dev_id', '=', devId);
    const found = await (engine === 'postgres' ? query.forNoKeyUpdate() : query).executeTakeFirst();
    if (found === undefined) return false;
    await trx.deleteFrom('device_labels').where('dev_id', '=', devId).execute();
    if (unique.length > 0) {
      await trx
        .insertInto('device_labels')
        .values(unique.map((label) => ({ dev_id: devId, label })))
        .execute();
    }
    await rewriteLabelJson(trx, engine, textList(engine, [devId]));
    return true;
  });
}
