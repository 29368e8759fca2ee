/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// P0 wake-ups of devices and their retry state (protocol §6).
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { Engine } from '../dialect';

const TIME = EPOCH_MS_TYPE;

export function notificationsMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await db.schema
        .createTable('notifications')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
        .addColumn('notification_id', 'integer', (c) => c.notNull())
        .addColumn('state', text, (c) => c.notNull())
        .addColumn('reason', text, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', text)
        .addColumn('next_attempt_at', TIME)
        .addColumn('deadline', TIME, (c) => c.notNull())
        .addColumn('created_at', TIME, (c) => c.notNull())
        .addColumn('updated_at', TIME, (c) => c.notNull())
        .addColumn('answered_at', TIME)
        // No foreign key: the session is a back-reference only and may be pruned on its own.
        .addColumn('session_id', text)
        .execute();
      await db.schema
        .createIndex('notifications_dev_id_created_at')
        .on('notifications')
        .columns(['dev_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('notifications_state_next_attempt_at')
        .on('notifications')
        .columns(['state', 'next_attempt_at'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('notifications').ifExists().execute();
    },
  };
}
