import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ApiTokenRepository, ApiTokenRow } from '../ports';
import { epochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const tokenRecordSchema = z.object({
  token_hash: z.string(),
  username: z.string(),
  created_at: epochMsColumn,
  expires_at: epochMsColumn,
});

function toTokenRow(raw: unknown): ApiTokenRow {
  const row = parseRow('api_tokens', tokenRecordSchema, raw);
  return {
    tokenHash: row.token_hash,
    username: row.username,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export class KyselyApiTokenRepository implements ApiTokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(token: ApiTokenRow): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        token_hash: token.tokenHash,
        username: token.username,
        created_at: token.createdAt.getTime(),
        expires_at: token.expiresAt.getTime(),
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

  async remove(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('api_tokens').where('token_hash', '=', tokenHash).execute();
  }

  async removeAllOf(username: string, keepTokenHash?: string): Promise<number> {
    let query = this.db.deleteFrom('api_tokens').where('username', '=', username);
    if (keepTokenHash !== undefined) query = query.where('token_hash', '<>', keepTokenHash);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async removeExpired(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('api_tokens')
      .where('expires_at', '<=', now.getTime())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
