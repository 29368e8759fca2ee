// Migration 0027 on a database that already holds tree nodes, on both engines: every value that is a
// number gets it in value_num (over several backfill batches), no other row does, and a numeric
// tree-value condition reads only the (moid, path, value_num, dev_id) index.
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clusterServicesAvailable,
  createDatabase,
  databaseUrl,
  dropDatabase,
} from './support/cluster-support';
import { migrateTo } from './support/migrate-to';

const isPgAvailable = await clusterServicesAvailable();
const FUMO = 'urn:oma:mo:oma-fumo:1.0';
/** More numeric nodes than one backfill batch (5,000) reads. */
const MANY = 6_200;

let db: Kysely<unknown> | undefined;
let database = '';
afterEach(async () => {
  await db?.destroy();
  db = undefined;
  if (database !== '') await dropDatabase(database);
  database = '';
});

const SPECIAL: [string, string | null, number | null][] = [
  ['a', ' 10 ', 10],
  ['b', '1e1', 10],
  ['c', '-2.5', -2.5],
  ['d', '1.2.3', null],
  ['e', '1e999', null],
  ['f', '', null],
  ['g', null, null],
  ['h', 'ten', null],
  ['i', '0x10', null],
  ['j', '\t+.5\n', 0.5],
];

async function seedBefore0027(kysely: Kysely<unknown>): Promise<void> {
  for (const devId of ['d1', 'd2']) {
    await sql`insert into devices (dev_id, labels, created_at, basic_verifier, digest_ha1_md5,
      digest_ha1_sha256) values (${devId}, '[]', 0, 'x', 'x', 'x')`.execute(kysely);
  }
  // d1: MANY numeric leaves n1…nMANY whose value is their number; d2: the special values.
  await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${MANY})
    insert into tree_nodes (dev_id, moid, miid, path, value, format, reported_at)
    select 'd1', ${FUMO}, 'fw', 'n' || cast(i as text), cast(i as text), 'int', 0 from n`.execute(kysely);
  for (const [path, value] of SPECIAL) {
    await sql`insert into tree_nodes (dev_id, moid, miid, path, value, format, reported_at)
      values ('d2', ${FUMO}, 'fw', ${path}, ${value}, 'chr', 0)`.execute(kysely);
  }
}

async function checkAfter0027(kysely: Kysely<unknown>): Promise<void> {
  const { rows: counted } = await sql<{ n: number | string; s: number | string }>`
    select count(value_num) as n, sum(value_num) as s from tree_nodes where dev_id = 'd1'`.execute(kysely);
  expect(Number(counted[0]?.n)).toBe(MANY);
  expect(Number(counted[0]?.s)).toBe((MANY * (MANY + 1)) / 2);
  const { rows } = await sql<{ path: string; value_num: number | null }>`
    select path, value_num from tree_nodes where dev_id = 'd2' order by path`.execute(kysely);
  expect(rows.map((r) => [r.path, r.value_num === null ? null : Number(r.value_num)])).toEqual(
    SPECIAL.map(([path, , number]) => [path, number]),
  );
}

describe('migration 0027: tree value numbers', () => {
  it('backfills value_num on SQLite, and a numeric condition reads the index alone', async () => {
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
    await migrateTo(db, 'sqlite', '0026-saved-views');
    await seedBefore0027(db);
    await migrateTo(db, 'sqlite');
    await checkAfter0027(db);
    const { rows: plan } = await sql<{ detail: string }>`explain query plan
      select dev_id from tree_nodes where moid in (${FUMO}) and path = 'State' and value_num = 10`.execute(
      db,
    );
    expect(plan.map((r) => r.detail).join('\n')).toMatch(
      /USING COVERING INDEX tree_nodes_moid_path_value_num_dev_id \(moid=\? AND path=\? AND value_num=\?\)/,
    );
  });

  it.skipIf(!isPgAvailable)('backfills value_num on PostgreSQL', async () => {
    database = await createDatabase();
    db = new Kysely<unknown>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: databaseUrl(database), max: 2 }),
      }),
    });
    await migrateTo(db, 'postgres', '0026-saved-views');
    await seedBefore0027(db);
    await migrateTo(db, 'postgres');
    await checkAfter0027(db);
    // With the other ways ruled out, the planner answers from the index without the table's rows.
    const plan = await db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_bitmapscan = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain
        select dev_id from tree_nodes where moid in (${FUMO}) and path = 'State' and value_num = 10`.execute(
        trx,
      );
      return rows;
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(
      /Index Only Scan using tree_nodes_moid_path_value_num_dev_id/,
    );
  });
});
