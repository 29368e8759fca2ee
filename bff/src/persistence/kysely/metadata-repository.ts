import type { Kysely } from 'kysely';
import { z } from 'zod';
import { moMetadataSchema } from '@dmc/shared/metadata';
import type { MetadataDocumentRow, MetadataRepository } from '../ports';
import { epochMsColumn, jsonColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const metadataRecordSchema = z.object({
  moid: z.string(),
  document: jsonColumn(moMetadataSchema),
  source: z.enum(['ddf', 'json']),
  created_at: epochMsColumn,
  updated_at: epochMsColumn,
});

function toMetadataRow(raw: unknown): MetadataDocumentRow {
  const row = parseRow('metadata_documents', metadataRecordSchema, raw);
  return {
    moid: row.moid,
    document: row.document,
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class KyselyMetadataRepository implements MetadataRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(row: MetadataDocumentRow): Promise<void> {
    await this.db
      .insertInto('metadata_documents')
      .values({
        moid: row.moid,
        document: JSON.stringify(row.document),
        source: row.source,
        created_at: row.createdAt.getTime(),
        updated_at: row.updatedAt.getTime(),
      })
      .onConflict((oc) =>
        oc.column('moid').doUpdateSet((eb) => ({
          document: eb.ref('excluded.document'),
          source: eb.ref('excluded.source'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  async find(moid: string): Promise<MetadataDocumentRow | undefined> {
    const row = await this.db
      .selectFrom('metadata_documents')
      .selectAll()
      .where('moid', '=', moid)
      .executeTakeFirst();
    return row === undefined ? undefined : toMetadataRow(row);
  }

  async list(): Promise<MetadataDocumentRow[]> {
    const rows = await this.db.selectFrom('metadata_documents').selectAll().orderBy('moid', 'asc').execute();
    return rows.map(toMetadataRow);
  }

  async remove(moid: string): Promise<boolean> {
    const result = await this.db.deleteFrom('metadata_documents').where('moid', '=', moid).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
