/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Firmware and software packages (protocol §8, "Artifacts"). Only the metadata is here; the bytes
// live in the artifact blob store under the same id.
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { Engine } from '../dialect';

export function artifactsMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await db.schema
        .createTable('artifacts')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('version', text, (c) => c.notNull())
        .addColumn('moid', text)
        // Sizes beyond 2 GiB are allowed (DMC_MAX_ARTIFACT_BYTES): wider than a 32-bit integer.
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('sha256', text, (c) => c.notNull())
        .addColumn('content_type', text, (c) => c.notNull())
        .addColumn('created_at', EPOCH_MS_TYPE, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('artifacts_created_at_id')
        .on('artifacts')
        .columns(['created_at', 'id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('artifacts').ifExists().execute();
    },
  };
}
