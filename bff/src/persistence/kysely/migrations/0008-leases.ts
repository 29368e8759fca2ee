/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Leases on background work, so one instance at a time runs each sweeper (several instances share
// one PostgreSQL; a dead instance's lease lapses at expires_at).
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { Engine } from '../dialect';

export function leasesMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await db.schema
        .createTable('leases')
        .addColumn('name', text, (c) => c.primaryKey())
        .addColumn('holder', text, (c) => c.notNull())
        .addColumn('acquired_at', EPOCH_MS_TYPE, (c) => c.notNull())
        .addColumn('expires_at', EPOCH_MS_TYPE, (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('leases').ifExists().execute();
    },
  };
}
