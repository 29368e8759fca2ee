/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Failed sign-ins and wrong device credentials, one counter per key and window (protocol §7, §10):
// per console username, per client address and per DevID. One row per key, so a spray of made-up
// usernames costs a row each at most, and housekeeping deletes rows whose window has passed.
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { Engine } from '../dialect';

export function authFailuresMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await db.schema
        .createTable('auth_failures')
        .addColumn('scope', text, (c) => c.notNull())
        .addColumn('key', text, (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('window_start', EPOCH_MS_TYPE, (c) => c.notNull())
        .addPrimaryKeyConstraint('auth_failures_pk', ['scope', 'key'])
        .execute();
      await db.schema
        .createIndex('auth_failures_window_start')
        .on('auth_failures')
        .column('window_start')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('auth_failures').ifExists().execute();
    },
  };
}
