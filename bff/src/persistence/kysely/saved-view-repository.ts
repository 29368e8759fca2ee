// Saved views of the device list (protocol §8). The name is unique case-insensitively through
// `name_key` (the name lower-cased) and its unique index: a second view with the same name is
// refused by the insert or update itself, however many race.
import { deviceColumnIdSchema, deviceSortFieldSchema } from '@dmc/shared/api';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { SavedViewRepository, SavedViewRow } from '../ports';
import { toJsonOrNull } from './query-helpers';
import { epochMsColumn, jsonColumn, parseRow } from './row-codecs';
import type { Database, SavedViewsTable } from './schema';
import { updateUnlessNameTaken } from './unique-name-update';

const savedViewRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  sort: deviceSortFieldSchema.nullable(),
  sort_order: z.enum(['asc', 'desc']).nullable(),
  columns: jsonColumn(z.array(deviceColumnIdSchema)).nullable(),
  created_by: z.string(),
  created_at: epochMsColumn,
  updated_at: epochMsColumn,
});

function toSavedViewRow(raw: unknown): SavedViewRow {
  const r = parseRow('saved_views', savedViewRecordSchema, raw);
  return {
    id: r.id,
    name: r.name,
    query: r.query,
    sort: r.sort,
    order: r.sort_order,
    columns: r.columns,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The key that makes names unique regardless of case. */
export const nameKeyOf = (name: string): string => name.toLowerCase();

function toRecord(row: SavedViewRow): SavedViewsTable {
  return {
    id: row.id,
    name: row.name,
    name_key: nameKeyOf(row.name),
    query: row.query,
    sort: row.sort,
    sort_order: row.order,
    columns: toJsonOrNull(row.columns),
    created_by: row.createdBy,
    created_at: row.createdAt.getTime(),
    updated_at: row.updatedAt.getTime(),
  };
}

export class KyselySavedViewRepository implements SavedViewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(row: SavedViewRow): Promise<boolean> {
    const result = await this.db
      .insertInto('saved_views')
      .values(toRecord(row))
      .onConflict((oc) => oc.column('name_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async find(id: string): Promise<SavedViewRow | undefined> {
    const row = await this.db.selectFrom('saved_views').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toSavedViewRow(row);
  }

  async list(limit: number): Promise<SavedViewRow[]> {
    const rows = await this.db
      .selectFrom('saved_views')
      .selectAll()
      .orderBy('name_key', 'asc')
      .orderBy('id', 'asc')
      .limit(Math.max(0, limit))
      .execute();
    return rows.map(toSavedViewRow);
  }

  async count(): Promise<number> {
    const { n } = await this.db
      .selectFrom('saved_views')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async update(row: SavedViewRow): Promise<boolean> {
    const { id: _id, created_by: _by, created_at: _at, ...changes } = toRecord(row);
    return updateUnlessNameTaken(this.db, 'saved_views', row.id, changes);
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('saved_views').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
