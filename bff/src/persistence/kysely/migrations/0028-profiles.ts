/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Configuration profiles (protocol §14) and each matching device's state in them. A profile's name
// is unique case-insensitively (`name_key`, lower-cased by the repository). Device states are read
// by profile and status (the counts and the status page: an index, never the trees) and by device
// (the session's enforcement and the device page). `since` is when the device became a member (the
// row was first inserted): a membership's epoch, kept by every later write of the row, so the command
// ids of a later membership differ from an earlier one's.
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { Engine } from '../dialect';

export function profilesMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await db.schema
        .createTable('profiles')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('name_key', text, (c) => c.notNull().unique())
        .addColumn('query', text, (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('nodes', text, (c) => c.notNull())
        .addColumn('execs', text, (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('drift_retries', 'integer', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_by', text, (c) => c.notNull())
        .addColumn('created_at', EPOCH_MS_TYPE, (c) => c.notNull())
        .addColumn('updated_at', EPOCH_MS_TYPE, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('profile_devices')
        .addColumn('profile_id', text, (c) => c.notNull().references('profiles.id').onDelete('cascade'))
        .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('reason', text)
        .addColumn('nodes', text, (c) => c.notNull())
        .addColumn('execs', text, (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('since', EPOCH_MS_TYPE, (c) => c.notNull())
        .addColumn('updated_at', EPOCH_MS_TYPE, (c) => c.notNull())
        .addPrimaryKeyConstraint('profile_devices_pk', ['profile_id', 'dev_id'])
        .execute();
      await db.schema
        .createIndex('profile_devices_by_status')
        .on('profile_devices')
        .columns(['profile_id', 'status', 'dev_id'])
        .execute();
      await db.schema
        .createIndex('profile_devices_by_device')
        .on('profile_devices')
        .column('dev_id')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('profile_devices').ifExists().execute();
      await db.schema.dropTable('profiles').ifExists().execute();
    },
  };
}
