/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Safe firmware (protocol §11):
// - artifacts.compatible: the accepted DevInfo Man/Mod/HwV values (JSON), NULL fits every device;
// - devices.fw_version_key / sw_version_key: the sort keys of FwV and SwV (shared/src/firmware/
//   version-order.ts), indexed, so `FwV < "1.10"` is a range over an index on both engines; existing
//   rows are backfilled one distinct version at a time;
// - operations.mo_instance: the MIID an operation works on, and a unique index over the operations
//   that are not final, so one FUMO (or SCOMO) instance of a device has at most one update at a time
//   even when two requests race. Of older active duplicates only the newest keeps its MIID there.
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { versionSortKey } from '@dmc/shared/firmware';
import { textType } from '../dialect';
import type { Engine } from '../dialect';

/** The final operation states when this migration was written; the index covers all others. */
const FINAL_STATES = ['ok', 'failed', 'declined', 'cancelled'] as const;

const VERSION_COLUMNS = [
  { value: 'fw_version', key: 'fw_version_key' },
  { value: 'sw_version', key: 'sw_version_key' },
] as const;

async function backfillVersionKeys(db: Kysely<unknown>): Promise<void> {
  for (const { value, key } of VERSION_COLUMNS) {
    const { rows } = await sql<{
      v: string;
    }>`select distinct ${sql.ref(value)} as v from devices where ${sql.ref(value)} is not null`.execute(db);
    for (const row of rows) {
      await sql`update devices set ${sql.ref(key)} = ${versionSortKey(row.v)} where ${sql.ref(value)} = ${row.v}`.execute(
        db,
      );
    }
  }
}

async function backfillMoInstances(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const miid =
    engine === 'postgres' ? sql`(cast(params as json) ->> 'miid')` : sql`json_extract(params, '$.miid')`;
  await sql`update operations set mo_instance = ${miid}`.execute(db);
  const finals = sql.join(FINAL_STATES.map((s) => sql.lit(s)));
  const { rows } = await sql<{ id: string; dev_id: string; kind: string; mo_instance: string | null }>`
    select id, dev_id, kind, mo_instance from operations
    where state not in (${finals}) and mo_instance is not null
    order by created_at desc, id desc`.execute(db);
  const seen = new Set<string>();
  for (const row of rows) {
    const group = JSON.stringify([row.dev_id, row.kind, row.mo_instance]);
    if (!seen.has(group)) {
      seen.add(group);
      continue;
    }
    await sql`update operations set mo_instance = null where id = ${row.id}`.execute(db);
  }
}

export function safeFirmwareMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await db.schema.alterTable('artifacts').addColumn('compatible', text).execute();

      for (const { key } of VERSION_COLUMNS) {
        await db.schema.alterTable('devices').addColumn(key, text).execute();
      }
      await backfillVersionKeys(db);
      for (const { key } of VERSION_COLUMNS) {
        await db.schema.createIndex(`devices_${key}`).on('devices').column(key).execute();
      }

      await db.schema.alterTable('operations').addColumn('mo_instance', text).execute();
      await backfillMoInstances(db, engine);
      const finals = sql.join(FINAL_STATES.map((s) => sql.lit(s)));
      await sql`create unique index operations_one_active_per_instance
        on operations (dev_id, kind, mo_instance) where state not in (${finals})`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('operations_one_active_per_instance').ifExists().execute();
      await db.schema.alterTable('operations').dropColumn('mo_instance').execute();
      for (const { key } of VERSION_COLUMNS) {
        await db.schema.dropIndex(`devices_${key}`).ifExists().execute();
        await db.schema.alterTable('devices').dropColumn(key).execute();
      }
      await db.schema.alterTable('artifacts').dropColumn('compatible').execute();
    },
  };
}
