/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Acknowledging alerts, and the indexes the dashboard's aggregate queries need on a large fleet.
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { Engine } from '../dialect';

export function alertAcksMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('alerts').addColumn('acknowledged_at', EPOCH_MS_TYPE).execute();
      await db.schema.alterTable('alerts').addColumn('acknowledged_by', textType(engine)).execute();
      // Partial indexes (both engines): open alerts are few next to the history, and the
      // queries that use them say `acknowledged_at is null` literally.
      await db.schema
        .createIndex('alerts_open_mark')
        .on('alerts')
        .column('mark')
        .where(sql.ref('acknowledged_at'), 'is', null)
        .execute();
      await db.schema
        .createIndex('alerts_open_received_at_id')
        .on('alerts')
        .columns(['received_at', 'id'])
        .where(sql.ref('acknowledged_at'), 'is', null)
        .execute();
      await db.schema
        .createIndex('alerts_mark_received_at_id')
        .on('alerts')
        .columns(['mark', 'received_at', 'id'])
        .execute();
      // Sessions per minute across the fleet.
      await db.schema.createIndex('sessions_started_at').on('sessions').column('started_at').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const index of [
        'sessions_started_at',
        'alerts_mark_received_at_id',
        'alerts_open_received_at_id',
        'alerts_open_mark',
      ]) {
        await db.schema.dropIndex(index).ifExists().execute();
      }
      await db.schema.alterTable('alerts').dropColumn('acknowledged_by').execute();
      await db.schema.alterTable('alerts').dropColumn('acknowledged_at').execute();
    },
  };
}
