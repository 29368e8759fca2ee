import type { Kysely } from 'kysely';
import { z } from 'zod';
import { pageSpecSchema } from '@dmc/shared/api';
import type { PageTemplateRepository, PageTemplateRow } from '../ports';
import { epochMsColumn, jsonColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const pageTemplateRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  spec: jsonColumn(pageSpecSchema),
  created_at: epochMsColumn,
});

function toPageTemplateRow(raw: unknown): PageTemplateRow {
  const row = parseRow('page_templates', pageTemplateRecordSchema, raw);
  return { id: row.id, name: row.name, spec: row.spec, createdAt: row.created_at };
}

export class KyselyPageTemplateRepository implements PageTemplateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(row: PageTemplateRow): Promise<void> {
    await this.db
      .insertInto('page_templates')
      .values({
        id: row.id,
        name: row.name,
        spec: JSON.stringify(row.spec),
        created_at: row.createdAt.getTime(),
      })
      .execute();
  }

  async find(id: string): Promise<PageTemplateRow | undefined> {
    const row = await this.db
      .selectFrom('page_templates')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toPageTemplateRow(row);
  }

  async list(): Promise<PageTemplateRow[]> {
    const rows = await this.db
      .selectFrom('page_templates')
      .selectAll()
      .orderBy('name', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toPageTemplateRow);
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('page_templates').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
