/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// PostgreSQL: the free-text device search reads one stored, lower-cased column instead of four
// ILIKEs, and one trigram index on it replaces the four per-column ones of migration 0011. A LIKE on
// one column scans about a third faster than four ILIKEs, and a device write updates one GIN index
// instead of four. The columns are joined with U+001F, which a search text never holds, so a match
// never spans two columns. Both sides are lower-cased under the database's default collation, as
// ILIKE folds case (the columns themselves sort as "C", which folds ASCII only), and common
// punctuation is stored as letters so that the trigram index serves "2.3." too (dialect.ts,
// SEARCH_PUNCTUATION). Adding a stored column rewrites the devices table once.
// SQLite keeps its FTS5 trigram table (0011); nothing changes there.
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { SEARCH_PUNCTUATION, SEARCH_PUNCTUATION_AS, type Engine } from '../dialect';

const OLD_COLUMNS = ['dev_id', 'model', 'manufacturer', 'fw_version'] as const;

async function hasTrigrams(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`.execute(db);
  return (rows[0]?.n ?? 0) > 0;
}

export function deviceSearchTextMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (engine !== 'postgres') return;
      await sql`alter table devices add column search_text text collate "C" generated always as (
        translate(
          lower((dev_id || chr(31) || coalesce(model, '') || chr(31) || coalesce(manufacturer, '')
            || chr(31) || coalesce(fw_version, '')) collate "default"),
          ${sql.lit(SEARCH_PUNCTUATION)},
          ${sql.lit(SEARCH_PUNCTUATION_AS)}
        )
      ) stored`.execute(db);
      // Without pg_trgm (0011 could not create it) the search scans the one column.
      if (!(await hasTrigrams(db))) return;
      await sql`create index devices_search_text_trgm on devices using gin (search_text gin_trgm_ops)`.execute(
        db,
      );
      for (const column of OLD_COLUMNS)
        await db.schema.dropIndex(`devices_${column}_trgm`).ifExists().execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (engine !== 'postgres') return;
      if (await hasTrigrams(db)) {
        for (const column of OLD_COLUMNS) {
          await sql`create index if not exists ${sql.id(`devices_${column}_trgm`)} on devices using gin (${sql.id(column)} gin_trgm_ops)`.execute(
            db,
          );
        }
      }
      await db.schema.dropIndex('devices_search_text_trgm').ifExists().execute();
      await db.schema.alterTable('devices').dropColumn('search_text').execute();
    },
  };
}
