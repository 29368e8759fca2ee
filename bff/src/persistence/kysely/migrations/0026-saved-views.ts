/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Saved views of the device list (protocol §8), shared by the team, and the name of the view a
// campaign's query was copied from (protocol §11). A view's name is unique case-insensitively:
// `name_key` holds it lower-cased (written by the repository) under a unique index.
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { Engine } from '../dialect';

export function savedViewsMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await db.schema
        .createTable('saved_views')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('name_key', text, (c) => c.notNull().unique())
        .addColumn('query', text, (c) => c.notNull())
        .addColumn('sort', text)
        .addColumn('sort_order', text)
        // JSON string[] of column ids, or NULL for the console's default columns.
        .addColumn('columns', text)
        .addColumn('created_by', text, (c) => c.notNull())
        .addColumn('created_at', EPOCH_MS_TYPE, (c) => c.notNull())
        .addColumn('updated_at', EPOCH_MS_TYPE, (c) => c.notNull())
        .execute();
      await db.schema.alterTable('campaigns').addColumn('view_name', text).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('campaigns').dropColumn('view_name').execute();
      await db.schema.dropTable('saved_views').ifExists().execute();
    },
  };
}
