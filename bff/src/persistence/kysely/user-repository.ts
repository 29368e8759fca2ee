import { roleSchema } from '@dmc/shared/api';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { UserRepository, UserRow } from '../ports';
import { epochMsColumn, intColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const userRecordSchema = z.object({
  username: z.string(),
  password_hash: z.string(),
  role: roleSchema,
  created_at: epochMsColumn,
});

function toUserRow(raw: unknown): UserRow {
  const row = parseRow('users', userRecordSchema, raw);
  return {
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role,
    createdAt: row.created_at,
  };
}

export class KyselyUserRepository implements UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return parseRow('users', intColumn, row.n);
  }

  async find(username: string): Promise<UserRow | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row === undefined ? undefined : toUserRow(row);
  }

  async create(user: UserRow): Promise<boolean> {
    const inserted = await this.db
      .insertInto('users')
      .values({
        username: user.username,
        password_hash: user.passwordHash,
        role: user.role,
        created_at: user.createdAt.getTime(),
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returning('username')
      .executeTakeFirst();
    return inserted !== undefined;
  }
}
