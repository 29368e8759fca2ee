import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DrObjectRepository, DrObjectRow } from '../ports';
import { epochMsColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const drObjectRecordSchema = z.object({
  id: z.string(),
  dev_id: z.string(),
  command_id: z.string().nullable(),
  content_type: z.string(),
  body: z.string(),
  created_at: epochMsColumn,
  expires_at: nullableEpochMsColumn,
});

function toDrObjectRow(raw: unknown): DrObjectRow {
  const row = parseRow('dr_objects', drObjectRecordSchema, raw);
  return {
    id: row.id,
    devId: row.dev_id,
    commandId: row.command_id,
    contentType: row.content_type,
    body: row.body,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export class KyselyDrObjectRepository implements DrObjectRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(row: DrObjectRow): Promise<void> {
    await this.db
      .insertInto('dr_objects')
      .values({
        id: row.id,
        dev_id: row.devId,
        command_id: row.commandId,
        content_type: row.contentType,
        body: row.body,
        created_at: row.createdAt.getTime(),
        expires_at: row.expiresAt?.getTime() ?? null,
      })
      .execute();
  }

  async find(id: string): Promise<DrObjectRow | undefined> {
    const row = await this.db.selectFrom('dr_objects').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toDrObjectRow(row);
  }

  async removeExpired(now: Date): Promise<number> {
    // NULL expires_at never matches: such objects live until their device goes.
    const result = await this.db
      .deleteFrom('dr_objects')
      .where('expires_at', '<', now.getTime())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
