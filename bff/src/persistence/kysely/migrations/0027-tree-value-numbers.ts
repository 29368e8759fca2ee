/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Numeric tree-value filters (`@FUMO/State != 10`) without reading the rows:
// - tree_nodes.value_num: the value as a number, NULL when it is none (kysely/tree-value-number.ts),
//   written beside the value by every tree writer; existing rows are backfilled here;
// - the (moid, path, dev_id) index of migration 0009 becomes (moid, path, value_num, dev_id), so a
//   numeric comparison is a range of one index and the engine never visits the table. The text value
//   stays out of the key: PostgreSQL refuses b-tree entries over ~2.7 kB.
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { rowsTable } from '../dialect';
import type { BatchColumn, Engine } from '../dialect';
import { treeValueNumber } from '../tree-value-number';

/** Candidate rows read (and their numbers written) per statement of the backfill. */
const BACKFILL_BATCH = 5_000;

const KEY_COLUMNS = ['dev_id', 'moid', 'miid', 'path'] as const;
const UPDATE_COLUMNS: readonly BatchColumn[] = [
  ...KEY_COLUMNS.map((name) => ({ name, type: 'text' as const })),
  { name: 'value_num', type: 'double' },
];

interface CandidateRow {
  dev_id: string;
  moid: string;
  miid: string;
  path: string;
  value: string;
}

/** Values made only of the characters a number can hold: a superset of what treeValueNumber reads. */
function mayBeNumber(engine: Engine) {
  if (engine === 'postgres') return sql`value ~ '^[0-9.eE+\\s-]+$'`;
  const pattern = `*[^0-9.eE+ \t\n\v\f\r-]*`;
  return sql`value <> '' and value not glob ${pattern}`;
}

/** Walks the candidates in primary-key order and writes the numbers the writers would have written. */
async function backfillNumbers(db: Kysely<unknown>, engine: Engine): Promise<void> {
  let after: CandidateRow | undefined;
  for (;;) {
    const past =
      after === undefined
        ? sql`true`
        : sql`(dev_id, moid, miid, path) > (${after.dev_id}, ${after.moid}, ${after.miid}, ${after.path})`;
    const { rows } = await sql<CandidateRow>`select dev_id, moid, miid, path, value from tree_nodes
      where ${past} and ${mayBeNumber(engine)}
      order by dev_id, moid, miid, path limit ${sql.lit(BACKFILL_BATCH)}`.execute(db);
    const numbers = rows.flatMap((row) => {
      const number = treeValueNumber(row.value);
      return number === null ? [] : [[row.dev_id, row.moid, row.miid, row.path, number]];
    });
    if (numbers.length > 0) {
      const k = rowsTable(engine, 'k', UPDATE_COLUMNS, numbers);
      await sql`update tree_nodes set value_num = k.value_num from ${k}
        where tree_nodes.dev_id = k.dev_id and tree_nodes.moid = k.moid
          and tree_nodes.miid = k.miid and tree_nodes.path = k.path`.execute(db);
    }
    after = rows.at(-1);
    if (rows.length < BACKFILL_BATCH) return;
  }
}

export function treeValueNumbersMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('tree_nodes')
        .addColumn('value_num', engine === 'postgres' ? 'double precision' : 'real')
        .execute();
      await backfillNumbers(db, engine);
      await db.schema.dropIndex('tree_nodes_moid_path_dev_id').ifExists().execute();
      await db.schema
        .createIndex('tree_nodes_moid_path_value_num_dev_id')
        .on('tree_nodes')
        .columns(['moid', 'path', 'value_num', 'dev_id'])
        .execute();
      // The planner's statistics for the new column. PostgreSQL reads the backfilled pages from the
      // index alone once (auto)vacuum has marked them all-visible again; until then it checks the rows.
      if (engine === 'postgres') await sql`analyze tree_nodes`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('tree_nodes_moid_path_value_num_dev_id').ifExists().execute();
      await db.schema
        .createIndex('tree_nodes_moid_path_dev_id')
        .on('tree_nodes')
        .columns(['moid', 'path', 'dev_id'])
        .execute();
      await db.schema.alterTable('tree_nodes').dropColumn('value_num').execute();
    },
  };
}
