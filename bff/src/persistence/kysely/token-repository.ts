// Console sessions and API tokens (protocol §10), both rows of `api_tokens` keyed by the secret's hash.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { roleSchema } from '@dmc/shared/api';
import type { ApiTokenRepository, ApiTokenRow, TokenKind } from '../ports';
import { epochMsColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const tokenRecordSchema = z.object({
  token_hash: z.string(),
  id: z.string(),
  kind: z.enum(['session', 'api']),
  via: z.enum(['cookie', 'bearer']).nullable(),
  name: z.string().nullable(),
  role: roleSchema.nullable(),
  username: z.string(),
  created_at: epochMsColumn,
  last_used_at: nullableEpochMsColumn,
  expires_at: epochMsColumn,
  user_agent: z.string().nullable(),
  address: z.string().nullable(),
});

function toTokenRow(raw: unknown): ApiTokenRow {
  const row = parseRow('api_tokens', tokenRecordSchema, raw);
  return {
    tokenHash: row.token_hash,
    id: row.id,
    kind: row.kind,
    via: row.via,
    name: row.name,
    role: row.role,
    username: row.username,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    userAgent: row.user_agent,
    address: row.address,
  };
}

export class KyselyApiTokenRepository implements ApiTokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(token: ApiTokenRow): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        token_hash: token.tokenHash,
        id: token.id,
        kind: token.kind,
        via: token.via,
        name: token.name,
        role: token.role,
        username: token.username,
        created_at: token.createdAt.getTime(),
        last_used_at: token.lastUsedAt?.getTime() ?? null,
        expires_at: token.expiresAt.getTime(),
        user_agent: token.userAgent,
        address: token.address,
      })
      .execute();
  }

  async find(tokenHash: string): Promise<ApiTokenRow | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row === undefined ? undefined : toTokenRow(row);
  }

  async findById(id: string): Promise<ApiTokenRow | undefined> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toTokenRow(row);
  }

  async list(kind: TokenKind, username?: string): Promise<ApiTokenRow[]> {
    let query = this.db.selectFrom('api_tokens').selectAll().where('kind', '=', kind);
    if (username !== undefined) query = query.where('username', '=', username);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toTokenRow);
  }

  async count(kind: TokenKind, username: string): Promise<number> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('kind', '=', kind)
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async touch(tokenHash: string, now: Date, staleBefore: Date): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: now.getTime() })
      .where('token_hash', '=', tokenHash)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore.getTime())]))
      .execute();
  }

  async remove(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('api_tokens').where('token_hash', '=', tokenHash).execute();
  }

  async removeAllOf(
    username: string,
    options: { keepTokenHash?: string; kind?: TokenKind } = {},
  ): Promise<string[]> {
    const { keepTokenHash, kind } = options;
    let query = this.db.selectFrom('api_tokens').select('token_hash').where('username', '=', username);
    if (keepTokenHash !== undefined) query = query.where('token_hash', '<>', keepTokenHash);
    if (kind !== undefined) query = query.where('kind', '=', kind);
    return this.removeHashes((await query.execute()).map((row) => row.token_hash));
  }

  async removeExpired(now: Date, idleBefore?: Date): Promise<string[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where((eb) =>
        eb.or([
          eb('expires_at', '<=', now.getTime()),
          ...(idleBefore === undefined
            ? []
            : [eb.and([eb('kind', '=', 'session'), eb('last_used_at', '<=', idleBefore.getTime())])]),
        ]),
      )
      .execute();
    return this.removeHashes(rows.map((row) => row.token_hash));
  }

  /**
   * Deletes the rows of `hashes`, in chunks far below the bind limit. All of them are gone once it
   * returns (a row another instance deleted meanwhile too), so all are returned.
   */
  private async removeHashes(hashes: string[]): Promise<string[]> {
    for (let i = 0; i < hashes.length; i += 500) {
      await this.db
        .deleteFrom('api_tokens')
        .where('token_hash', 'in', hashes.slice(i, i + 500))
        .execute();
    }
    return hashes;
  }
}
