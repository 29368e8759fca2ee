/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Meta-data documents of vendor MOs imported from DDFs or as JSON (protocol §5); the standard ones
// ship with the server and are not stored.
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { Engine } from '../dialect';

export function metadataDocumentsMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await db.schema
        .createTable('metadata_documents')
        .addColumn('moid', text, (c) => c.primaryKey())
        .addColumn('document', text, (c) => c.notNull())
        .addColumn('source', text, (c) => c.notNull())
        .addColumn('created_at', EPOCH_MS_TYPE, (c) => c.notNull())
        .addColumn('updated_at', EPOCH_MS_TYPE, (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('metadata_documents').ifExists().execute();
    },
  };
}
