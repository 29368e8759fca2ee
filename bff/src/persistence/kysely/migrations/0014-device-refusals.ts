/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// The last refused contacts of each registered device (issue 12): when, where, the HTTP status and
// error code, why in words. Never a credential or a body. Kept per device (the newest few) and gone
// with the device.
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, sequenceColumn, textType } from '../dialect';
import type { Engine } from '../dialect';

export function deviceRefusalsMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      const seq = sequenceColumn(engine);
      await db.schema
        .createTable('device_refusals')
        .addColumn('seq', seq.type, seq.build)
        .addColumn('id', text, (c) => c.notNull().unique())
        .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
        .addColumn('at', EPOCH_MS_TYPE, (c) => c.notNull())
        .addColumn('endpoint', text, (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('code', text, (c) => c.notNull())
        .addColumn('reason', text, (c) => c.notNull())
        .addColumn('suppressed', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('device_refusals_dev_id_seq')
        .on('device_refusals')
        .columns(['dev_id', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('device_refusals').ifExists().execute();
    },
  };
}
