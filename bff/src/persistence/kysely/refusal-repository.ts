import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { RefusalRepository, RefusalRow } from '../ports';
import { epochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const refusalRecordSchema = z.object({
  id: z.string(),
  dev_id: z.string(),
  at: epochMsColumn,
  endpoint: z.string(),
  status: z.coerce.number().int(),
  code: z.string(),
  reason: z.string(),
  suppressed: z.coerce.number().int(),
});

export class KyselyRefusalRepository implements RefusalRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(row: RefusalRow, keep: number): Promise<boolean> {
    // Only registered devices get records: a flood of made-up DevIDs stores nothing.
    const device = await this.db
      .selectFrom('devices')
      .select('dev_id')
      .where('dev_id', '=', row.devId)
      .executeTakeFirst();
    if (device === undefined) return false;
    await this.db
      .insertInto('device_refusals')
      .values({
        id: row.id,
        dev_id: row.devId,
        at: row.at.getTime(),
        endpoint: row.endpoint,
        status: row.status,
        code: row.code,
        reason: row.reason,
        suppressed: row.suppressed,
      })
      .execute();
    // Bounded per device: the oldest beyond `keep` go.
    const kept = this.db
      .selectFrom('device_refusals')
      .select('seq')
      .where('dev_id', '=', row.devId)
      .orderBy('seq', 'desc')
      .limit(keep);
    await this.db
      .deleteFrom('device_refusals')
      .where('dev_id', '=', row.devId)
      .where('seq', 'not in', kept)
      .execute();
    return true;
  }

  async listByDevice(devId: string, limit: number): Promise<RefusalRow[]> {
    const rows = await this.db
      .selectFrom('device_refusals')
      .select(['id', 'dev_id', 'at', 'endpoint', 'status', 'code', 'reason', 'suppressed'])
      .where('dev_id', '=', devId)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((raw) => {
      const r = parseRow('device_refusals', refusalRecordSchema, raw);
      return {
        id: r.id,
        devId: r.dev_id,
        at: r.at,
        endpoint: r.endpoint,
        status: r.status,
        code: r.code,
        reason: r.reason,
        suppressed: r.suppressed,
      };
    });
  }
}
