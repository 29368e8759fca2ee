import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { pushOutcomesMigration } from './0015-push-outcomes';

let db: Kysely<unknown> | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe('migration 0015: push outcomes', () => {
  it('replaces stored network detail with `failed` and keeps what already is an outcome', async () => {
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
    await sql`create table notifications (id text primary key, last_error text)`.execute(db);
    const before: [string, string | null][] = [
      ['a', 'connect ECONNREFUSED 10.0.0.5:8080'],
      ['b', 'fetch failed: getaddrinfo ENOTFOUND intranet.example'],
      ['c', 'http 503'],
      ['d', 'refused'],
      ['e', 'address not allowed'],
      ['f', null],
      ['g', 'http 503 from 127.0.0.1:9000'],
    ];
    for (const [id, text] of before)
      await sql`insert into notifications (id, last_error) values (${id}, ${text})`.execute(db);
    await pushOutcomesMigration().up(db);
    const { rows } = await sql<{
      id: string;
      last_error: string | null;
    }>`select id, last_error from notifications order by id`.execute(db);
    expect(rows.map((r) => [r.id, r.last_error])).toEqual([
      ['a', 'failed'],
      ['b', 'failed'],
      ['c', 'http 503'],
      ['d', 'refused'],
      ['e', 'address not allowed'],
      ['f', null],
      ['g', 'failed'],
    ]);
  });
});
