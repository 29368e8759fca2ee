/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Calm alerts (protocol §13):
// - alerts.count / first_at: identical alerts that arrive while one is open coalesce into it; the
//   row's received_at is the latest arrival. Existing rows count once, first_at = received_at.
// - alerts.coalesce_key: SHA-256 of type, source and mark, with a unique index over the open rows
//   (dev_id, coalesce_key), so two instances storing the same alert at once make one row. Rows stored
//   before this migration have no key: they stay as they were and new alerts open keyed rows.
// - alerts.session_start: ClientInitiatedMgmt and the other session-start alerts belong to their
//   session; they are never open. Existing ones are marked.
// - an index for alerts by type over time (received_at, alert_type, count) without session starts.
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { SESSION_ALERT_TYPES } from '@dmc/shared/protocol';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { Engine } from '../dialect';

export function calmAlertsMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('alerts')
        .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .alterTable('alerts')
        .addColumn('first_at', EPOCH_MS_TYPE, (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('alerts')
        .addColumn('session_start', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('alerts').addColumn('coalesce_key', textType(engine)).execute();
      await sql`update alerts set first_at = received_at`.execute(db);
      const sessionTypes = Object.values(SESSION_ALERT_TYPES);
      await sql`update alerts set session_start = 1 where alert_type in (${sql.join(sessionTypes)})`.execute(
        db,
      );
      await db.schema
        .createIndex('alerts_open_coalesce')
        .unique()
        .on('alerts')
        .columns(['dev_id', 'coalesce_key'])
        .where(sql.ref('acknowledged_at'), 'is', null)
        .execute();
      await db.schema
        .createIndex('alerts_events_received_at_type')
        .on('alerts')
        .columns(['received_at', 'alert_type', 'count'])
        .where(sql.ref('session_start'), '=', 0)
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('alerts_events_received_at_type').ifExists().execute();
      await db.schema.dropIndex('alerts_open_coalesce').ifExists().execute();
      for (const column of ['coalesce_key', 'session_start', 'first_at', 'count']) {
        await db.schema.alterTable('alerts').dropColumn(column).execute();
      }
    },
  };
}
