// Migrates a database to one named migration (or the latest), for tests of a migration on data
// written by the schema before it.
import { Migrator, type Kysely } from 'kysely';
import type { Engine } from '../../src/persistence/kysely/dialect';
import { migrationProvider } from '../../src/persistence/kysely/migrations';

export async function migrateTo(kysely: Kysely<unknown>, engine: Engine, target?: string): Promise<void> {
  const migrator = new Migrator({ db: kysely, provider: migrationProvider(engine) });
  const { error } =
    target === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  if (error !== undefined) throw error instanceof Error ? error : new Error('migration failed');
}
