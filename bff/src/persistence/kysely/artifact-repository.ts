import type { Kysely } from 'kysely';
import { artifactCompatibilitySchema } from '@dmc/shared/firmware';
import { z } from 'zod';
import type { ArtifactRepository, ArtifactRow } from '../ports';
import { toJsonOrNull } from './query-helpers';
import { epochMsColumn, intColumn, jsonColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const artifactRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  moid: z.string().nullable(),
  size: intColumn,
  sha256: z.string(),
  content_type: z.string(),
  compatible: jsonColumn(artifactCompatibilitySchema).nullable(),
  created_at: epochMsColumn,
});

function toArtifactRow(raw: unknown): ArtifactRow {
  const row = parseRow('artifacts', artifactRecordSchema, raw);
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    moid: row.moid,
    size: row.size,
    sha256: row.sha256,
    contentType: row.content_type,
    compatible: row.compatible,
    createdAt: row.created_at,
  };
}

export class KyselyArtifactRepository implements ArtifactRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(row: ArtifactRow): Promise<void> {
    await this.db
      .insertInto('artifacts')
      .values({
        id: row.id,
        name: row.name,
        version: row.version,
        moid: row.moid,
        size: row.size,
        sha256: row.sha256,
        content_type: row.contentType,
        compatible: toJsonOrNull(row.compatible),
        created_at: row.createdAt.getTime(),
      })
      .execute();
  }

  async find(id: string): Promise<ArtifactRow | undefined> {
    const row = await this.db.selectFrom('artifacts').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toArtifactRow(row);
  }

  async list(): Promise<ArtifactRow[]> {
    const rows = await this.db
      .selectFrom('artifacts')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toArtifactRow);
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('artifacts').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
