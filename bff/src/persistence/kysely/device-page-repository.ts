import type { Kysely } from 'kysely';
import { z } from 'zod';
import { pageAnswerSchema, pageSpecSchema, type PageAnswer } from '@dmc/shared/api';
import type { DevicePageRepository, DevicePageRow } from '../ports';
import { epochMsColumn, jsonColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const devicePageRecordSchema = z.object({
  token: z.string(),
  dev_id: z.string(),
  command_id: z.string(),
  spec: jsonColumn(pageSpecSchema),
  form_secret: z.string(),
  created_at: epochMsColumn,
  expires_at: epochMsColumn,
  answered_at: nullableEpochMsColumn,
  answer: jsonColumn(pageAnswerSchema).nullable(),
});

function toDevicePageRow(raw: unknown): DevicePageRow {
  const row = parseRow('ui_pages', devicePageRecordSchema, raw);
  return {
    token: row.token,
    devId: row.dev_id,
    commandId: row.command_id,
    spec: row.spec,
    formSecret: row.form_secret,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    answeredAt: row.answered_at,
    answer: row.answer,
  };
}

export class KyselyDevicePageRepository implements DevicePageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(row: DevicePageRow): Promise<void> {
    await this.db
      .insertInto('ui_pages')
      .values({
        token: row.token,
        dev_id: row.devId,
        command_id: row.commandId,
        spec: JSON.stringify(row.spec),
        form_secret: row.formSecret,
        created_at: row.createdAt.getTime(),
        expires_at: row.expiresAt.getTime(),
        answered_at: row.answeredAt?.getTime() ?? null,
        answer: row.answer === null ? null : JSON.stringify(row.answer),
      })
      .execute();
  }

  async find(token: string): Promise<DevicePageRow | undefined> {
    const row = await this.db
      .selectFrom('ui_pages')
      .selectAll()
      .where('token', '=', token)
      .executeTakeFirst();
    return row === undefined ? undefined : toDevicePageRow(row);
  }

  async answer(token: string, answer: PageAnswer, at: Date): Promise<boolean> {
    // Conditional on answered_at: of two concurrent answers, exactly one updates the row.
    const result = await this.db
      .updateTable('ui_pages')
      .set({ answer: JSON.stringify(answer), answered_at: at.getTime() })
      .where('token', '=', token)
      .where('answered_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
