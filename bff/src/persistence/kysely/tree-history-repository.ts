// Reads of the tree history and its retention (protocol §13). The rows are written by the tree
// repository (tree-history-write.ts) inside each tree write's transaction.
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { HistoryCursor, TreeChangePoint, TreeHistoryRepository, TreeHistoryRow } from '../ports';
import { rowsTable, type Engine } from './dialect';
import { inTransaction } from './query-helpers';
import { epochMsColumn, intColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const historyRecordSchema = z.object({
  id: intColumn,
  dev_id: z.string(),
  moid: z.string(),
  miid: z.string(),
  path: z.string(),
  op: z.enum(['add', 'set', 'delete']),
  value: z.string().nullable(),
  format: z.string().nullable(),
  old_value: z.string().nullable(),
  old_format: z.string().nullable(),
  at: epochMsColumn,
  source: z.enum(['session', 'upload']).nullable(),
  session_id: z.string().nullable(),
  command_id: z.string().nullable(),
});

function toHistoryRow(raw: unknown): TreeHistoryRow {
  const r = parseRow('tree_history', historyRecordSchema, raw);
  return {
    id: r.id,
    devId: r.dev_id,
    moid: r.moid,
    miid: r.miid,
    path: r.path,
    op: r.op,
    value: r.value,
    format: r.format,
    oldValue: r.old_value,
    oldFormat: r.old_format,
    at: r.at,
    source: r.source,
    sessionId: r.session_id,
    commandId: r.command_id,
  };
}

const pointSchema = z.object({
  at: epochMsColumn,
  session_id: z.string().nullable(),
  command_id: z.string().nullable(),
  n: intColumn,
});
const prunedSchema = z.object({ id: intColumn, dev_id: z.string(), at: intColumn });
const overSchema = z.object({ dev_id: z.string(), n: intColumn });

export class KyselyTreeHistoryRepository implements TreeHistoryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async listBetween(
    devId: string,
    range: { after: Date; until?: Date },
    cursor: HistoryCursor | undefined,
    limit: number,
  ): Promise<TreeHistoryRow[]> {
    const rows = await this.db
      .selectFrom('tree_history')
      .selectAll()
      .where('dev_id', '=', devId)
      .where('at', '>', range.after.getTime())
      .$if(range.until !== undefined, (qb) => qb.where('at', '<=', range.until?.getTime() ?? 0))
      .$if(cursor !== undefined, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('at', '>', cursor?.at.getTime() ?? 0),
            eb.and([eb('at', '=', cursor?.at.getTime() ?? 0), eb('id', '>', cursor?.id ?? 0)]),
          ]),
        ),
      )
      .orderBy('at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toHistoryRow);
  }

  async listNode(
    devId: string,
    node: { moid: string; miid: string; path: string },
    beforeId: number | undefined,
    limit: number,
  ): Promise<TreeHistoryRow[]> {
    const rows = await this.db
      .selectFrom('tree_history')
      .selectAll()
      .where('dev_id', '=', devId)
      .where('moid', '=', node.moid)
      .where('miid', '=', node.miid)
      .where('path', '=', node.path)
      .$if(beforeId !== undefined, (qb) => qb.where('id', '<', beforeId ?? 0))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toHistoryRow);
  }

  async listChangePoints(devId: string, limit: number): Promise<TreeChangePoint[]> {
    const rows = await this.db
      .selectFrom('tree_history')
      .select(['at', 'session_id', 'command_id', (eb) => eb.fn.countAll().as('n')])
      .where('dev_id', '=', devId)
      .groupBy(['at', 'session_id', 'command_id'])
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((raw) => {
      const r = parseRow('tree_history', pointSchema, raw);
      return { at: r.at, sessionId: r.session_id, commandId: r.command_id, changes: r.n };
    });
  }

  async horizon(devId: string): Promise<Date | null> {
    const row = await this.db
      .selectFrom('tree_history_horizons')
      .select('horizon_at')
      .where('dev_id', '=', devId)
      .executeTakeFirst();
    return row ? new Date(Number(row.horizon_at)) : null;
  }

  async count(devId: string): Promise<number> {
    const row = await this.db
      .selectFrom('tree_history')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('dev_id', '=', devId)
      .executeTakeFirstOrThrow();
    return parseRow('tree_history', overSchema.pick({ n: true }), row).n;
  }

  async pruneOlderThan(before: Date, limit: number): Promise<number> {
    return inTransaction(this.db, async (trx) => {
      const picked = await trx
        .selectFrom('tree_history')
        .select(['id', 'dev_id', 'at'])
        .where('at', '<', before.getTime())
        .orderBy('at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return this.remove(trx, picked);
    });
  }

  async pruneBeyond(perDevice: number, limit: number): Promise<number> {
    return inTransaction(this.db, async (trx) => {
      const over = (
        await trx
          .selectFrom('tree_history')
          .select(['dev_id', (eb) => eb.fn.countAll().as('n')])
          .groupBy('dev_id')
          .having((eb) => eb.fn.countAll(), '>', perDevice)
          .orderBy('dev_id')
          .limit(limit)
          .execute()
      ).map((raw) => parseRow('tree_history', overSchema, raw));
      let removed = 0;
      for (const device of over) {
        const take = Math.min(device.n - perDevice, limit - removed);
        if (take <= 0) break;
        const picked = await trx
          .selectFrom('tree_history')
          .select(['id', 'dev_id', 'at'])
          .where('dev_id', '=', device.dev_id)
          .orderBy('at')
          .orderBy('id')
          .limit(take)
          .execute();
        removed += await this.remove(trx, picked);
      }
      return removed;
    });
  }

  /** Deletes the picked rows (one statement) and moves each device's horizon up to them. */
  private async remove(trx: Kysely<Database>, picked: readonly unknown[]): Promise<number> {
    const rows = picked.map((raw) => parseRow('tree_history', prunedSchema, raw));
    if (rows.length === 0) return 0;
    const ids = rowsTable(
      this.engine,
      'k',
      [{ name: 'id', type: 'bigint' }],
      rows.map((r) => [r.id]),
    );
    await sql`delete from tree_history where id in (select k.id from ${ids})`.execute(trx);
    const newest = new Map<string, number>();
    for (const r of rows) newest.set(r.dev_id, Math.max(newest.get(r.dev_id) ?? 0, r.at));
    const horizons = rowsTable(
      this.engine,
      'h',
      [
        { name: 'dev_id', type: 'text' },
        { name: 'horizon_at', type: 'bigint' },
      ],
      [...newest].map(([devId, at]) => [devId, at]),
    );
    await sql`insert into tree_history_horizons (dev_id, horizon_at)
      select h.dev_id, h.horizon_at from ${horizons} where true
      on conflict (dev_id) do update set horizon_at = case
        when excluded.horizon_at > tree_history_horizons.horizon_at then excluded.horizon_at
        else tree_history_horizons.horizon_at end`.execute(trx);
    return rows.length;
  }
}
