// Every difference between SQLite and PostgreSQL lives here; the rest of kysely/ is portable SQL.
// Shared conventions: times are BIGINT epoch milliseconds, JSON is TEXT, booleans are INTEGER 0/1.
import { sql } from 'kysely';
import type {
  ColumnDataType,
  ColumnDefinitionBuilder,
  Expression,
  RawBuilder,
  SelectQueryBuilder,
  SqlBool,
} from 'kysely';

/** A column type for the schema builder: a name or raw SQL. */
export type DataTypeExpression = ColumnDataType | Expression<unknown>;

export type Engine = 'sqlite' | 'postgres';

/**
 * Text columns compare and sort by code point in both engines: SQLite's default BINARY collation,
 * and "C" on PostgreSQL (whose database default may be a locale that orders 'B' before 'a'...
 * or ignores punctuation). Keyset paging depends on both agreeing with the ORDER BY.
 */
export function textType(engine: Engine): DataTypeExpression {
  return engine === 'postgres' ? sql`text collate "C"` : 'text';
}

/** Column type for epoch-millisecond times (SQLite gives it INTEGER affinity). */
export const EPOCH_MS_TYPE = 'bigint' satisfies ColumnDataType;

/**
 * SQLite binds at most 32766 variables per statement, PostgreSQL 65535; inserts are chunked so a
 * chunk stays well below both.
 */
export const MAX_BIND_VARIABLES = 30_000;

/** A column of a batch of rows bound as one value (rowsTable). */
export interface BatchColumn {
  name: string;
  type: 'text' | 'bigint' | 'double';
}

/**
 * A batch of rows bound as one value per statement and read as the table `alias(columns…)`: on SQLite
 * one JSON array of row arrays read with json_each, on PostgreSQL one array per column through unnest.
 * The SQL text is the same whatever the number of rows, so it is prepared once, compiles in constant
 * time and never nears the bind-variable limit (ARCHITECTURE.md, tree writes).
 */
export function rowsTable(
  engine: Engine,
  alias: string,
  columns: readonly BatchColumn[],
  rows: readonly (readonly (string | number | null)[])[],
): RawBuilder<unknown> {
  if (engine === 'sqlite') {
    const picks = columns.map((c, i) => sql`j.value ->> ${sql.lit(i)} as ${sql.id(c.name)}`);
    return sql`(select ${sql.join(picks)} from json_each(${JSON.stringify(rows)}) as j) as ${sql.id(alias)}`;
  }
  const arrays = columns.map((c, i) => {
    const values = rows.map((row) => row[i] ?? null);
    if (c.type === 'double') return sql`${values}::float8[]`;
    return c.type === 'text' ? sql`${values}::text[]` : sql`${values}::bigint[]`;
  });
  const names = sql.join(columns.map((c) => sql.id(c.name)));
  return sql`unnest(${sql.join(arrays)}) as ${sql.id(alias)}(${names})`;
}

/** The auto-increment key that gives commands their global insertion order. */
export function sequenceColumn(engine: Engine): {
  type: ColumnDataType;
  build: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
} {
  return engine === 'sqlite'
    ? // AUTOINCREMENT: never reuse the seq of a deleted row.
      { type: 'integer', build: (column) => column.primaryKey().autoIncrement() }
    : { type: 'bigint', build: (column) => column.primaryKey().generatedByDefaultAsIdentity() };
}

/**
 * Rows a sweeper picks as work (expired sessions and commands, due notifications). On PostgreSQL
 * they are locked FOR UPDATE SKIP LOCKED: inside a transaction they stay claimed until it ends and
 * rows another instance has claimed are skipped, so concurrent sweepers take disjoint batches.
 * SQLite has no row locks; its transactions run one at a time on the one connection.
 */
export function claimRows<DB, TB extends keyof DB, O>(
  engine: Engine,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return engine === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/** Escapes LIKE wildcards so `text` matches literally (with `ESCAPE '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * Case-insensitive substring match. SQLite's LIKE already ignores ASCII case; PostgreSQL needs
 * ILIKE. SQLite has no default LIKE escape character, so it is given explicitly.
 */
export function containsIgnoringCase(
  engine: Engine,
  column: Expression<unknown>,
  text: string,
): RawBuilder<SqlBool> {
  const operator = engine === 'postgres' ? sql.raw('ilike') : sql.raw('like');
  return sql<SqlBool>`${column} ${operator} ${`%${escapeLike(text)}%`} escape '\\'`;
}

/**
 * Punctuation that device ids and versions are full of ("IMEI:35…", "2.3.1", "NW-200"), and the
 * upper-case letters it is stored as in `search_text` (migration 0012). pg_trgm builds trigrams from
 * letters and digits only, so "2.3." gave its index nothing to look up; as "2B3B" it does. The text is
 * lower-cased first, so these letters never occur in it otherwise and the mapping loses nothing: a
 * LIKE on the translated text matches exactly where it matched before. `%` and `\` (the LIKE syntax)
 * are left alone. Changing either string needs a migration that rebuilds the column.
 */
export const SEARCH_PUNCTUATION = ` .-_:/()+,#@'"=`;
export const SEARCH_PUNCTUATION_AS = 'ABCDEFGHIJKLMNO';

/**
 * PostgreSQL's free-text device search: a substring of the `search_text` column (migration 0012),
 * which joins the searched columns lower-cased, so that one trigram index serves the LIKE.
 */
export function postgresDeviceTextMatch(text: string): RawBuilder<SqlBool> {
  const pattern = `%${escapeLike(text)}%`;
  return sql<SqlBool>`devices.search_text like translate(lower(${pattern}), ${sql.lit(SEARCH_PUNCTUATION)}, ${sql.lit(SEARCH_PUNCTUATION_AS)}) escape '\\'`;
}

/** The fewest characters (code points) a trigram index can look up; shorter texts scan. */
export const TRIGRAM_MIN_LENGTH = 3;

/**
 * A prefilter for the free-text device search that the trigram index answers (migration 0011), or
 * undefined where the LIKE/ILIKE conditions alone are best. PostgreSQL's pg_trgm indexes serve ILIKE
 * itself. On SQLite the FTS5 trigram table narrows the rows; it folds case beyond ASCII, so the
 * caller keeps the LIKE conditions too and the result is exactly LIKE's.
 */
export function indexedTextCandidates(engine: Engine, text: string): RawBuilder<SqlBool> | undefined {
  if (engine === 'postgres' || [...text].length < TRIGRAM_MIN_LENGTH) return undefined;
  // An FTS string: the whole text is one phrase, so its trigrams must appear in a row in one column.
  const phrase = `"${text.replaceAll('"', '""')}"`;
  return sql<SqlBool>`devices.rowid in (select rowid from devices_fts where devices_fts match ${phrase})`;
}

/** pg returns int8 (BIGINT, COUNT) as a string; our int8 values are epoch ms and sequence numbers. */
export function parseInt8(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) {
    throw new RangeError(`int8 value ${value} is outside the safe integer range`);
  }
  return parsed;
}

/** OID of PostgreSQL's int8 type. */
export const PG_INT8_OID = 20;
