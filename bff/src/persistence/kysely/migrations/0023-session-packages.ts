/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// The session inspector (profile §13): every package of a DM session as exchanged, secrets and
// capability tokens already redacted, with the DR and device-page requests its commands caused.
// One row per package, in `seq` order; bounded per device by count and age (housekeeping).
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, sequenceColumn, textType } from '../dialect';
import type { Engine } from '../dialect';

export function sessionPackagesMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      const seq = sequenceColumn(engine);
      await db.schema
        .createTable('session_packages')
        .addColumn('seq', seq.type, seq.build)
        .addColumn('session_id', text, (c) => c.notNull())
        .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
        .addColumn('kind', text, (c) => c.notNull())
        .addColumn('at', EPOCH_MS_TYPE, (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('command_id', text)
        .addColumn('commands', 'integer', (c) => c.notNull())
        .addColumn('body', text, (c) => c.notNull())
        .addColumn('body_bytes', 'integer', (c) => c.notNull())
        .addColumn('truncated', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('session_packages_session_seq')
        .on('session_packages')
        .columns(['session_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('session_packages_dev_session')
        .on('session_packages')
        .columns(['dev_id', 'session_id'])
        .execute();
      await db.schema.createIndex('session_packages_at').on('session_packages').column('at').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('session_packages').ifExists().execute();
    },
  };
}
