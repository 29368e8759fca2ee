import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from './ports';
import { MAX_GROUP, groupCommitDialect, type GroupCommitDriver } from './sqlite-driver';

interface Tables {
  items: { id: number; label: string };
  parents: { id: number };
  children: { id: number; parent_id: number };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SQLite group commit', () => {
  let dir: string;
  let db: Kysely<Tables>;
  let driver: GroupCommitDriver;
  /** A second connection: it sees only what was committed. */
  let reader: SqliteDatabase.Database;

  const committed = (id: number): boolean =>
    (reader.prepare('select count(*) as n from items where id = ?').get(id) as { n: number }).n === 1;

  const insert = (id: number) => (trx: Kysely<Tables>) =>
    trx
      .insertInto('items')
      .values({ id, label: `item ${id}` })
      .execute();

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dmc-group-commit-'));
    const file = path.join(dir, 'test.sqlite');
    const database = new SqliteDatabase(file, { timeout: 0 });
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    const built = groupCommitDialect(database);
    driver = built.driver;
    db = new Kysely<Tables>({ dialect: built.dialect });
    await sql`create table items (id integer primary key, label text not null)`.execute(db);
    await sql`create table parents (id integer primary key)`.execute(db);
    await sql`create table children (id integer primary key, parent_id integer not null
      references parents (id) deferrable initially deferred)`.execute(db);
    reader = new SqliteDatabase(file, { readonly: true });
  });

  afterEach(async () => {
    reader.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits transactions that finish in one turn together, and settles each only once committed', async () => {
    const seenAtSettle: boolean[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db
          .transaction()
          .execute(insert(i + 1))
          .then(() => seenAtSettle.push(committed(i + 1))),
      ),
    );
    expect(seenAtSettle).toEqual(Array.from({ length: 20 }, () => true));
    expect(driver.stats).toEqual({ commits: 1, transactions: 20 });
  });

  it('caps a group at MAX_GROUP transactions', async () => {
    const count = MAX_GROUP + 6;
    await Promise.all(Array.from({ length: count }, (_, i) => db.transaction().execute(insert(i + 1))));
    expect(driver.stats).toEqual({ commits: 2, transactions: count });
    expect(reader.prepare('select count(*) as n from items').get()).toEqual({ n: count });
  });

  it('rolls back a transaction that throws, and only that one', async () => {
    const results = await Promise.allSettled([
      db.transaction().execute(insert(1)),
      db.transaction().execute(async (trx) => {
        await insert(2)(trx);
        throw new Error('changed my mind');
      }),
      db.transaction().execute(insert(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect([committed(1), committed(2), committed(3)]).toEqual([true, false, true]);
  });

  it('rejects every transaction of a group whose COMMIT fails, stores none of it, and goes on', async () => {
    const results = await Promise.allSettled([
      db.transaction().execute(insert(1)),
      // A deferred foreign key is checked at COMMIT: this orphan makes the group's COMMIT fail.
      db
        .transaction()
        .execute((trx) => trx.insertInto('children').values({ id: 1, parent_id: 99 }).execute()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(committed(1)).toBe(false);
    expect(reader.prepare('select count(*) as n from children').get()).toEqual({ n: 0 });

    await db.transaction().execute(insert(2));
    expect(committed(2)).toBe(true);
  });

  it('commits the open group before a write outside any transaction, and that write before it returns', async () => {
    const grouped = db.transaction().execute(insert(1));
    await db.insertInto('items').values({ id: 2, label: 'alone' }).execute();
    expect(committed(2)).toBe(true);
    expect(committed(1)).toBe(true);
    await grouped;
    expect(driver.stats).toEqual({ commits: 1, transactions: 1 });
  });

  it('commits a write with RETURNING outside any transaction before it returns its rows', async () => {
    const grouped = db.transaction().execute(insert(1));
    const rows = await db
      .insertInto('items')
      .values({ id: 2, label: 'returned' })
      .returning(['id', 'label'])
      .execute();
    expect(rows).toEqual([{ id: 2, label: 'returned' }]);
    expect([committed(1), committed(2)]).toEqual([true, true]);
    await grouped;
  });

  it('never commits a transaction half-way, even when it waits across turns of the event loop', async () => {
    const first = db.transaction().execute(insert(1));
    let midway: boolean[] = [];
    const slow = db.transaction().execute(async (trx) => {
      await insert(2)(trx);
      // The group's COMMIT comes due here, while this transaction is still open.
      await nextTurn();
      await nextTurn();
      midway = [committed(1), committed(2)];
      await insert(3)(trx);
    });
    await Promise.all([first, slow]);
    expect(midway).toEqual([false, false]);
    expect([committed(1), committed(2), committed(3)]).toEqual([true, true, true]);
    expect(driver.stats).toEqual({ commits: 1, transactions: 2 });
  });

  it('answers StoreUnavailableError while another process holds the database, then recovers', async () => {
    // The test database has no busy timeout: a held write lock refuses at once.
    const other = new SqliteDatabase(path.join(dir, 'test.sqlite'));
    other.exec('begin immediate');
    try {
      await expect(db.transaction().execute(insert(1))).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(insert(2)(db)).rejects.toThrow(/SQLite is busy/);
    } finally {
      other.exec('rollback');
      other.close();
    }
    await db.transaction().execute(insert(3));
    expect([committed(1), committed(2), committed(3)]).toEqual([false, false, true]);
  });

  it('commits the open group when the database is closed', async () => {
    // destroy() waits for the transaction that holds the connection, then commits its group.
    const pending = db.transaction().execute(insert(1));
    await Promise.all([pending, db.destroy()]);
    expect(committed(1)).toBe(true);
    db = new Kysely<Tables>({ dialect: groupCommitDialect(new SqliteDatabase(':memory:')).dialect });
  });
});
