/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Users an admin can disable, and when each last signed in (protocol §10). Sessions are looked up
// by username when a user's sessions end, so api_tokens gets an index on it.
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE } from '../dialect';

export function userAdminMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // 0 or 1 on both engines: SQLite has no boolean type.
      await db.schema
        .alterTable('users')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('users').addColumn('last_login_at', EPOCH_MS_TYPE).execute();
      await db.schema.createIndex('api_tokens_username').on('api_tokens').column('username').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('api_tokens_username').ifExists().execute();
      await db.schema.alterTable('users').dropColumn('last_login_at').execute();
      await db.schema.alterTable('users').dropColumn('disabled').execute();
    },
  };
}
