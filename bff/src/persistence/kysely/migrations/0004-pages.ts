/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Pages shown on devices through SHOW (protocol §8, "User interaction"): stored templates and the
// one-time pages at /ui/:token with their answers.
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { DataTypeExpression, Engine } from '../dialect';

const TIME = EPOCH_MS_TYPE;

async function createPageTemplates(db: Kysely<unknown>, text: DataTypeExpression): Promise<void> {
  await db.schema
    .createTable('page_templates')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('spec', text, (c) => c.notNull())
    .addColumn('created_at', TIME, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('page_templates_name').on('page_templates').columns(['name', 'id']).execute();
}

async function createUiPages(db: Kysely<unknown>, text: DataTypeExpression): Promise<void> {
  await db.schema
    .createTable('ui_pages')
    .addColumn('token', text, (c) => c.primaryKey())
    .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
    // No foreign key: the command is a back-reference only, as for DR objects.
    .addColumn('command_id', text, (c) => c.notNull())
    .addColumn('spec', text, (c) => c.notNull())
    .addColumn('form_secret', text, (c) => c.notNull())
    .addColumn('created_at', TIME, (c) => c.notNull())
    .addColumn('expires_at', TIME, (c) => c.notNull())
    .addColumn('answered_at', TIME)
    .addColumn('answer', text)
    .execute();
  await db.schema.createIndex('ui_pages_dev_id').on('ui_pages').column('dev_id').execute();
  await db.schema.createIndex('ui_pages_expires_at').on('ui_pages').column('expires_at').execute();
}

export function pagesMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await createPageTemplates(db, text);
      await createUiPages(db, text);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('ui_pages').ifExists().execute();
      await db.schema.dropTable('page_templates').ifExists().execute();
    },
  };
}
