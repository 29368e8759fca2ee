import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupCommitDialect } from './sqlite-driver';
import { InlineLimitsPlugin } from './sqlite-limits';

interface Items {
  items: { id: number };
}

describe('InlineLimitsPlugin', () => {
  let db: Kysely<Items>;

  beforeEach(async () => {
    db = new Kysely<Items>({
      dialect: groupCommitDialect(new SqliteDatabase(':memory:')).dialect,
      plugins: [new InlineLimitsPlugin()],
    });
    await sql`create table items (id integer primary key)`.execute(db);
    await sql`insert into items values (1), (2), (3), (4), (5)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('writes an integer LIMIT and OFFSET into the SQL and still pages correctly', async () => {
    const query = db.selectFrom('items').select('id').where('id', '>', 1).orderBy('id').limit(2).offset(1);
    const compiled = query.compile();
    expect(compiled.sql).toMatch(/limit 2 offset 1$/);
    expect(compiled.parameters).toEqual([1]);
    expect(await query.execute()).toEqual([{ id: 3 }, { id: 4 }]);
  });

  it('leaves a LIMIT bound when it is not a plain integer', () => {
    const fractional = db.selectFrom('items').select('id').limit(1.5).compile();
    expect(fractional.sql).toMatch(/limit \?$/);
    expect(fractional.parameters).toEqual([1.5]);
    const expression = db
      .selectFrom('items')
      .select('id')
      .limit(sql<number>`${3} - 1`)
      .compile();
    expect(expression.parameters).toEqual([3]);
  });

  it('leaves queries without a LIMIT, and other statements, as they are', () => {
    expect(db.selectFrom('items').select('id').where('id', '=', 2).compile().sql).toBe(
      'select "id" from "items" where "id" = ?',
    );
    expect(db.deleteFrom('items').where('id', '=', 2).compile().parameters).toEqual([2]);
  });
});
