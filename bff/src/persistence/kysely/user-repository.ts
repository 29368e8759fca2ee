import { roleSchema } from '@dmc/shared/api';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { NewUserRow, UserChange, UserRepository, UserRow } from '../ports';
import type { Engine } from './dialect';
import { epochMsColumn, intColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const userRecordSchema = z.object({
  username: z.string(),
  password_hash: z.string(),
  role: roleSchema,
  created_at: epochMsColumn,
  disabled: intColumn,
  last_login_at: nullableEpochMsColumn,
});

function toUserRow(raw: unknown): UserRow {
  const row = parseRow('users', userRecordSchema, raw);
  return {
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role,
    createdAt: row.created_at,
    disabled: row.disabled !== 0,
    lastLoginAt: row.last_login_at,
  };
}

export class KyselyUserRepository implements UserRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

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

  async list(): Promise<UserRow[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    return rows.map(toUserRow);
  }

  async create(user: NewUserRow): Promise<boolean> {
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

  async update(username: string, change: UserChange): Promise<boolean> {
    const values = {
      ...(change.role === undefined ? {} : { role: change.role }),
      ...(change.disabled === undefined ? {} : { disabled: change.disabled ? 1 : 0 }),
      ...(change.passwordHash === undefined ? {} : { password_hash: change.passwordHash }),
    };
    if (Object.keys(values).length === 0) return (await this.find(username)) !== undefined;
    const result = await this.db
      .updateTable('users')
      .set(values)
      .where('username', '=', username)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async remove(username: string): Promise<boolean> {
    const result = await this.db.deleteFrom('users').where('username', '=', username).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async recordLogin(username: string, at: Date): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ last_login_at: at.getTime() })
      .where('username', '=', username)
      .execute();
  }

  async lockEnabledAdmins(): Promise<string[]> {
    const query = this.db
      .selectFrom('users')
      .select('username')
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .orderBy('username');
    const rows = await (this.engine === 'postgres' ? query.forUpdate() : query).execute();
    return rows.map((row) => row.username);
  }
}
