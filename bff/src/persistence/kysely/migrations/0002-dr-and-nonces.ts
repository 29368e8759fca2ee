/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Device-resource objects and upload inboxes (protocol §4) and Digest nonce counts (RFC 7616 §3.4).
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { DataTypeExpression, Engine } from '../dialect';

const TIME = EPOCH_MS_TYPE;

async function createDrObjects(db: Kysely<unknown>, text: DataTypeExpression): Promise<void> {
  await db.schema
    .createTable('dr_objects')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
    // No foreign key: the command is a back-reference only and may be pruned on its own.
    .addColumn('command_id', text)
    .addColumn('content_type', text, (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('created_at', TIME, (c) => c.notNull())
    .addColumn('expires_at', TIME)
    .execute();
  await db.schema.createIndex('dr_objects_expires_at').on('dr_objects').column('expires_at').execute();
  await db.schema.createIndex('dr_objects_dev_id').on('dr_objects').column('dev_id').execute();
}

async function createDrInboxes(db: Kysely<unknown>, text: DataTypeExpression): Promise<void> {
  await db.schema
    .createTable('dr_inboxes')
    .addColumn('token', text, (c) => c.primaryKey())
    .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
    .addColumn('command_id', text)
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('client_uri', text)
    .addColumn('created_at', TIME, (c) => c.notNull())
    .addColumn('expires_at', TIME)
    .addColumn('uploads', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_upload_at', TIME)
    .execute();
  await db.schema.createIndex('dr_inboxes_dev_id').on('dr_inboxes').column('dev_id').execute();
}

async function createDigestNonces(db: Kysely<unknown>, text: DataTypeExpression): Promise<void> {
  await db.schema
    .createTable('digest_nonces')
    .addColumn('nonce', text, (c) => c.primaryKey())
    // nc is 8 hex digits, up to 2^32 - 1: wider than a 32-bit integer.
    .addColumn('nc', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', TIME, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('digest_nonces_expires_at').on('digest_nonces').column('expires_at').execute();
}

const TABLES_CHILDREN_FIRST = ['digest_nonces', 'dr_inboxes', 'dr_objects'];

export function drAndNoncesMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await createDrObjects(db, text);
      await createDrInboxes(db, text);
      await createDigestNonces(db, text);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of TABLES_CHILDREN_FIRST) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
