/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Console sessions a user can list and end, and API tokens for integrations (protocol §10), in the
// one `api_tokens` table: each row gets a public id (the secret's hash stays the key), its kind
// (`session` or `api`), how a session's token travels (`cookie` or `bearer`), an API token's name
// and role, when it was last used (for the idle timeout and the lists), and the client it came from.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { Engine } from '../dialect';

/** A public id: 96 random bits, base64url (not a secret; it only names a row to its owner). */
function newCredentialId(): string {
  return randomBytes(12).toString('base64url');
}

export function sessionsAndApiTokensMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      const table = () => db.schema.alterTable('api_tokens');
      await table().addColumn('id', text).execute();
      await table()
        .addColumn('kind', text, (c) => c.notNull().defaultTo('session'))
        .execute();
      await table().addColumn('via', text).execute();
      await table().addColumn('name', text).execute();
      await table().addColumn('role', text).execute();
      await table().addColumn('last_used_at', EPOCH_MS_TYPE).execute();
      await table().addColumn('user_agent', text).execute();
      await table().addColumn('address', text).execute();
      // Sessions signed in before this migration got both the cookie and the token in the body.
      await sql`update api_tokens set last_used_at = created_at, via = 'cookie'`.execute(db);
      const rows = await sql<{ token_hash: string }>`select token_hash from api_tokens`.execute(db);
      for (const row of rows.rows) {
        await sql`update api_tokens set id = ${newCredentialId()} where token_hash = ${row.token_hash}`.execute(
          db,
        );
      }
      await db.schema.createIndex('api_tokens_id').on('api_tokens').column('id').unique().execute();
      await db.schema
        .createIndex('api_tokens_kind_last_used_at')
        .on('api_tokens')
        .columns(['kind', 'last_used_at'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('api_tokens_kind_last_used_at').ifExists().execute();
      await db.schema.dropIndex('api_tokens_id').ifExists().execute();
      await sql`delete from api_tokens where kind = 'api'`.execute(db);
      for (const column of ['address', 'user_agent', 'last_used_at', 'role', 'name', 'via', 'kind', 'id']) {
        await db.schema.alterTable('api_tokens').dropColumn(column).execute();
      }
    },
  };
}
