import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionsAndApiTokensMigration } from './0019-sessions-and-api-tokens';

let db: Kysely<unknown> | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe('migration 0019: sessions and API tokens', () => {
  it('gives each existing session a unique public id, its kind and a last use at its sign-in', async () => {
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
    await sql`create table api_tokens (token_hash text primary key, username text not null,
      created_at bigint not null, expires_at bigint not null)`.execute(db);
    for (const [hash, at] of [
      ['h1', 1000],
      ['h2', 2000],
      ['h3', 3000],
    ] as const) {
      await sql`insert into api_tokens values (${hash}, 'ada', ${at}, ${at + 100})`.execute(db);
    }
    await sessionsAndApiTokensMigration('sqlite').up(db);
    const { rows } = await sql<{
      token_hash: string;
      id: string;
      kind: string;
      via: string;
      last_used_at: number;
      name: string | null;
      role: string | null;
    }>`select * from api_tokens order by token_hash`.execute(db);
    expect(rows.map((r) => [r.token_hash, r.kind, r.via, r.last_used_at, r.name, r.role])).toEqual([
      ['h1', 'session', 'cookie', 1000, null, null],
      ['h2', 'session', 'cookie', 2000, null, null],
      ['h3', 'session', 'cookie', 3000, null, null],
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    for (const row of rows) expect(row.id).toMatch(/^[\w-]{16}$/);
    // The id is unique from now on.
    await expect(
      sql`insert into api_tokens (token_hash, username, created_at, expires_at, id)
        values ('h4', 'bob', 1, 2, ${rows[0]?.id})`.execute(db),
    ).rejects.toThrow(/UNIQUE/);
  });
});
