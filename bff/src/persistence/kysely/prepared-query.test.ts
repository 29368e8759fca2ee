import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupCommitDialect } from '../sqlite-driver';
import { preparedQuery } from './prepared-query';
import type { Database } from './schema';

interface Items {
  items: { id: number; label: string; size: number };
}

// The store's schema type is what preparedQuery builds against; these tests use a table of their own.
const asItems = (db: Kysely<Database>) => db as unknown as Kysely<Items>;

describe('preparedQuery', () => {
  let db: Kysely<Database>;

  beforeEach(async () => {
    db = new Kysely<Database>({ dialect: groupCommitDialect(new SqliteDatabase(':memory:')).dialect });
    await sql`create table items (id integer primary key, label text not null, size integer not null)`.execute(
      db,
    );
    await sql`insert into items values (1, 'a', 10), (2, 'b', 20), (3, 'c', 30), (4, 'd', 40)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('binds each call its own values around the constants of the query', async () => {
    const bigger = preparedQuery((d, v: { min: number; limit: number }) =>
      asItems(d)
        .selectFrom('items')
        .select(['id'])
        .where('size', '>', v.min)
        .where('label', '!=', 'c')
        .orderBy('id')
        .limit(v.limit),
    );
    expect((await bigger(db, { min: 10, limit: 5 })).rows).toEqual([{ id: 2 }, { id: 4 }]);
    expect((await bigger(db, { min: 0, limit: 1 })).rows).toEqual([{ id: 1 }]);
  });

  it('runs writes inside a transaction, and reports the rows they changed', async () => {
    const resize = preparedQuery((d, v: { id: number; size: number }) =>
      asItems(d).updateTable('items').set({ size: v.size }).where('id', '=', v.id),
    );
    const changed = await db.transaction().execute(async (trx) => {
      const one = await resize(trx, { id: 2, size: 21 });
      const none = await resize(trx, { id: 99, size: 0 });
      return [one.numAffectedRows, none.numAffectedRows];
    });
    expect(changed).toEqual([1n, 0n]);
    const rows = await asItems(db).selectFrom('items').select(['id', 'size']).where('id', '=', 2).execute();
    expect(rows).toEqual([{ id: 2, size: 21 }]);
  });

  it('refuses a value that would shape the SQL instead of being bound', async () => {
    const shaped = preparedQuery((d, v: { big: boolean }) =>
      asItems(d)
        .selectFrom('items')
        .selectAll()
        .limit(v.big ? 10 : 1),
    );
    await expect(shaped(db, { big: true })).rejects.toThrow(/"big" must be a bound parameter/);
  });
});
