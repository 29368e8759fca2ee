/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// The audit log (profile §10): one row per change made through the API, hash-chained. `seq` is
// assigned by the appender under the chain lock (not an auto-increment), so a gap shows a deletion.
// The application only ever inserts here. Commands also learn who queued them (`created_by`).
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { Engine } from '../dialect';

export function auditLogMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('at', EPOCH_MS_TYPE, (c) => c.notNull())
        .addColumn('actor', text, (c) => c.notNull())
        .addColumn('role', text, (c) => c.notNull())
        .addColumn('action', text, (c) => c.notNull())
        .addColumn('target', text, (c) => c.notNull())
        .addColumn('outcome', text, (c) => c.notNull())
        .addColumn('client', text, (c) => c.notNull())
        .addColumn('request_id', text, (c) => c.notNull())
        .addColumn('prev_hash', text, (c) => c.notNull())
        .addColumn('hash', text, (c) => c.notNull())
        .execute();
      // Who queued each command (issue 13): a username; NULL for commands the server queued itself
      // (firmware updates, software installs) and for commands from before.
      await db.schema.alterTable('commands').addColumn('created_by', text).execute();
      await db.schema.createIndex('audit_log_actor_seq').on('audit_log').columns(['actor', 'seq']).execute();
      await db.schema
        .createIndex('audit_log_target_seq')
        .on('audit_log')
        .columns(['target', 'seq'])
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('commands').dropColumn('created_by').execute();
      await db.schema.dropTable('audit_log').ifExists().execute();
    },
  };
}
