// Our PostgreSQL driver against a real server (skipped when none answers, unless
// DMC_TEST_REQUIRE_PG=1): prepared queries run as named statements, parsed once per connection and
// again on a new one; BEGIN shares the first statement's round trip without changing what a
// transaction means; round trips are counted, never timed.
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsTable } from './kysely/dialect';
import { executeConstantText, preparedQuery, preparedStatementName } from './kysely/prepared-query';
import type { Database } from './kysely/schema';
import { postgresDialect } from './postgres-driver';

const BASE_URL = process.env.DMC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const isRequired = process.env.DMC_TEST_REQUIRE_PG === '1';

async function admin(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

const pgAvailable = await admin(BASE_URL, 'select 1').then(
  () => true,
  (error: unknown) => {
    if (isRequired) throw new Error(`PostgreSQL at ${BASE_URL} is required`, { cause: error });
    return false;
  },
);

interface Items {
  items: { id: number; label: string };
}
const asItems = (db: Kysely<Database>) => db as unknown as Kysely<Items>;

const findItem = preparedQuery((db, v: { id: number }) =>
  asItems(db).selectFrom('items').selectAll().where('id', '=', v.id),
);
const addItem = preparedQuery((db, v: { id: number; label: string }) =>
  asItems(db).insertInto('items').values({ id: v.id, label: v.label }),
);
const relabel = preparedQuery((db, v: { id: number; label: string }) =>
  asItems(db).updateTable('items').set({ label: v.label }).where('id', '=', v.id),
);

describe.skipIf(!pgAvailable)('the PostgreSQL driver', () => {
  const database = `dmc_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(BASE_URL);
  url.pathname = `/${database}`;
  let pool: pg.Pool;
  let db: Kysely<Database>;
  let roundTrips: (readonly string[])[];

  const open = (preparedStatements: boolean) => {
    // One connection, so every statement of a test meets the same server session.
    pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    pool.on('error', () => undefined); // a lost idle connection (the pool drops it)
    const onRoundTrip = (statements: readonly string[]) => roundTrips.push(statements);
    db = new Kysely<Database>({ dialect: postgresDialect(pool, { preparedStatements, onRoundTrip }) });
  };
  const preparedHere = async () =>
    (await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(db)).rows.map(
      (r) => r.name,
    );
  const backendPid = async () =>
    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid;
  const labels = async () =>
    (await admin(url.toString(), 'select id, label from items order by id')).rows as Items['items'][];

  beforeAll(async () => {
    await admin(BASE_URL, `create database "${database}"`);
  });
  afterAll(async () => {
    await admin(BASE_URL, `drop database if exists "${database}" with (force)`);
  });
  beforeEach(async () => {
    roundTrips = [];
    await admin(url.toString(), 'drop table if exists items');
    await admin(url.toString(), 'create table items (id integer primary key, label text not null)');
    await admin(url.toString(), "insert into items values (1, 'a'), (2, 'b')");
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('runs a prepared query as a named statement, parsed once per connection', async () => {
    open(true);
    expect((await findItem(db, { id: 1 })).rows).toEqual([{ id: 1, label: 'a' }]);
    expect((await findItem(db, { id: 2 })).rows).toEqual([{ id: 2, label: 'b' }]);
    const name = preparedStatementName(roundTrips[0]?.[0] ?? '');
    expect(name).toMatch(/^dmc_\d+$/);
    expect(await preparedHere()).toEqual([name]);
    // Other SQL stays unnamed.
    await asItems(db).selectFrom('items').select('id').execute();
    expect(await preparedHere()).toEqual([name]);
  });

  it('runs raw SQL of constant text (row sets as arrays) as one named statement, whatever the row count', async () => {
    open(true);
    const labelsOf = async (ids: number[]) => {
      const keys = rowsTable(
        'postgres',
        'k',
        [{ name: 'id', type: 'bigint' }],
        ids.map((id) => [id]),
      );
      const query = sql<{
        label: string;
      }>`select i.label from ${keys} join items as i on i.id = k.id order by i.id`;
      return (await executeConstantText(db, 'postgres', query)).rows.map((r) => r.label);
    };
    expect(await labelsOf([1])).toEqual(['a']);
    expect(await labelsOf([1, 2])).toEqual(['a', 'b']);
    const names = roundTrips.map((statements) => preparedStatementName(statements[0] ?? ''));
    expect(names[0]).toMatch(/^dmc_\d+$/);
    expect(names[1]).toBe(names[0]);
    expect(await preparedHere()).toEqual([names[0]]);
  });

  it('prepares the statement again on the connection that replaces a lost one', async () => {
    open(true);
    await findItem(db, { id: 1 });
    const lost = await backendPid();
    // The pool reports the idle connection's loss once it has dropped it.
    const dropped = once(pool, 'error');
    await admin(BASE_URL, 'select pg_terminate_backend($1)', [lost]);
    await dropped;
    expect((await findItem(db, { id: 2 })).rows).toEqual([{ id: 2, label: 'b' }]);
    expect(await backendPid()).not.toBe(lost);
    expect(await preparedHere()).toHaveLength(1);
  });

  it('closes a connection whose prepared statement went stale, and runs on a new one', async () => {
    open(true);
    await findItem(db, { id: 1 });
    const stale = await backendPid();
    // Another instance's migration changes the columns of `select *`.
    await admin(url.toString(), 'alter table items add column size integer');
    await expect(findItem(db, { id: 1 })).rejects.toThrow(/cached plan must not change result type/);
    expect((await findItem(db, { id: 1 })).rows).toEqual([{ id: 1, label: 'a', size: null }]);
    expect(await backendPid()).not.toBe(stale);
  });

  it('names nothing when prepared statements are off', async () => {
    open(false);
    await findItem(db, { id: 1 });
    await findItem(db, { id: 2 });
    expect(await preparedHere()).toEqual([]);
  });

  it.each([true, false])(
    'sends BEGIN with the first statement: three statements and COMMIT are four round trips (named: %s)',
    async (named) => {
      open(named);
      const work = () =>
        db.transaction().execute(async (trx) => {
          await findItem(trx, { id: 1 });
          await relabel(trx, { id: 1, label: 'a2' });
          await addItem(trx, { id: 3, label: 'c' });
        });
      await work();
      await admin(url.toString(), 'delete from items where id = 3');
      // The first run parsed the named statements; from now on each transaction is this long.
      roundTrips = [];
      await work();
      expect(roundTrips.map((statements) => statements.length)).toEqual([2, 1, 1, 1]);
      expect(roundTrips[0]?.[0]).toBe('begin');
      expect(roundTrips[3]).toEqual(['commit']);
      expect(await labels()).toEqual([
        { id: 1, label: 'a2' },
        { id: 2, label: 'b' },
        { id: 3, label: 'c' },
      ]);
    },
  );

  it('sends nothing for a transaction that runs no statement', async () => {
    open(true);
    expect(await db.transaction().execute(() => Promise.resolve('done'))).toBe('done');
    expect(roundTrips).toEqual([]);
  });

  it('rolls back the first statement with the rest when the work throws', async () => {
    open(true);
    await findItem(db, { id: 1 });
    const failing = db.transaction().execute(async (trx) => {
      await relabel(trx, { id: 1, label: 'changed' });
      throw new Error('work failed');
    });
    await expect(failing).rejects.toThrow('work failed');
    expect(await labels()).toEqual([
      { id: 1, label: 'a' },
      { id: 2, label: 'b' },
    ]);
  });

  it('reports a failing first statement as its own error, commits nothing, and the connection goes on', async () => {
    open(true);
    await addItem(db, { id: 5, label: 'e' }).catch(() => undefined);
    await admin(url.toString(), 'delete from items where id = 5');
    const failing = db.transaction().execute(async (trx) => {
      await addItem(trx, { id: 1, label: 'duplicate' });
      await addItem(trx, { id: 4, label: 'd' });
    });
    await expect(failing).rejects.toMatchObject({ code: '23505' });
    expect(await labels()).toEqual([
      { id: 1, label: 'a' },
      { id: 2, label: 'b' },
    ]);
    await db.transaction().execute(async (trx) => {
      await addItem(trx, { id: 4, label: 'd' });
    });
    expect((await labels()).map((r) => r.id)).toEqual([1, 2, 4]);
  });
});
