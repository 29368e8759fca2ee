import { alertMarkSchema } from '@dmc/shared/protocol';
import type { Expression, Kysely, SqlBool } from 'kysely';
import { z } from 'zod';
import { sql } from 'kysely';
import type { AlertMark } from '@dmc/shared/protocol';
import type {
  AlertListQuery,
  AlertRepository,
  AlertRow,
  AlertTypeBucketCount,
  NewAlertRow,
  StoredAlert,
} from '../ports';
import { groupAlerts, upsertGroups } from './alert-upsert';
import { epochMsColumn, intColumn, jsonColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const alertRecordSchema = z.object({
  id: z.string(),
  dev_id: z.string(),
  session_id: z.string().nullable(),
  alert_type: z.string(),
  source_uri: z.string().nullable(),
  target_uri: z.string().nullable(),
  mark: alertMarkSchema.nullable(),
  data_type: z.string().nullable(),
  data: jsonColumn(z.record(z.string(), z.unknown())).nullable(),
  received_at: epochMsColumn,
  acknowledged_at: nullableEpochMsColumn,
  acknowledged_by: z.string().nullable(),
  count: intColumn,
  first_at: epochMsColumn,
  session_start: intColumn,
  coalesce_key: z.string().nullable(),
});

const typeCountSchema = z.object({ alert_type: z.string(), n: intColumn });
const bucketCountSchema = z.object({ t: z.string().nullable(), bucket: intColumn, n: intColumn });

const openCountSchema = z.object({ mark: alertMarkSchema, n: intColumn });

function toAlertRow(raw: unknown): AlertRow {
  return parsedAlert(raw).row;
}

function parsedAlert(raw: unknown): { row: AlertRow; key: string | null } {
  const row = parseRow('alerts', alertRecordSchema, raw);
  return {
    key: row.coalesce_key,
    row: {
      id: row.id,
      devId: row.dev_id,
      sessionId: row.session_id,
      alertType: row.alert_type,
      sourceUri: row.source_uri,
      targetUri: row.target_uri,
      mark: row.mark,
      dataType: row.data_type,
      data: row.data,
      receivedAt: row.received_at,
      acknowledgedAt: row.acknowledged_at,
      acknowledgedBy: row.acknowledged_by,
      count: row.count,
      firstAt: row.first_at,
      sessionStart: row.session_start === 1,
    },
  };
}

/** Ids per UPDATE … WHERE id IN (…), well below both engines' bind limits. */
const ACK_CHUNK = 500;

export class KyselyAlertRepository implements AlertRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(alerts: readonly NewAlertRow[]): Promise<StoredAlert[]> {
    if (alerts.length === 0) return [];
    const groups = groupAlerts(alerts);
    const stored = (await upsertGroups(this.db, groups)).map(parsedAlert);
    // Each group's row: a keyed one by device and key (its id is the open row's when it coalesced).
    const byKey = new Map<string, AlertRow>();
    const byId = new Map<string, AlertRow>();
    for (const { row, key } of stored) {
      byId.set(row.id, row);
      if (key !== null) byKey.set(`${row.devId}\u0000${key}`, row);
    }
    const out: StoredAlert[] = [];
    for (const group of groups) {
      const { values } = group;
      const row =
        byId.get(values.id) ??
        (values.coalesce_key ? byKey.get(`${values.dev_id}\u0000${values.coalesce_key}`) : undefined);
      if (row === undefined) continue;
      out.push({ row, coalesced: row.id !== values.id, occurrences: group.occurrences });
    }
    return out;
  }

  async list(query: AlertListQuery): Promise<AlertRow[]> {
    const rows = await this.db
      .selectFrom('alerts')
      .selectAll()
      .where((eb) => {
        const conditions: Expression<SqlBool>[] = [];
        if (query.devId !== undefined) conditions.push(eb('dev_id', '=', query.devId));
        if (query.alertType !== undefined) conditions.push(eb('alert_type', '=', query.alertType));
        if (query.mark !== undefined) conditions.push(eb('mark', '=', query.mark));
        if (query.marks !== undefined) {
          conditions.push(query.marks.length === 0 ? eb.lit(false) : eb('mark', 'in', [...query.marks]));
        }
        if (query.excludeTypes !== undefined && query.excludeTypes.length > 0) {
          conditions.push(eb('alert_type', 'not in', [...query.excludeTypes]));
        }
        if (query.sessionStart !== undefined)
          conditions.push(eb('session_start', '=', query.sessionStart ? 1 : 0));
        if (query.since !== undefined) conditions.push(eb('received_at', '>=', query.since.getTime()));
        if (query.open !== undefined) {
          conditions.push(eb('acknowledged_at', query.open ? 'is' : 'is not', null));
          // A session-start alert is never open (protocol §13).
          if (query.open) conditions.push(eb('session_start', '=', 0));
        }
        if (query.before !== undefined) {
          // Newest first: strictly older, or as old with a smaller id.
          const at = query.before.receivedAt.getTime();
          conditions.push(
            eb.or([
              eb('received_at', '<', at),
              eb.and([eb('received_at', '=', at), eb('id', '<', query.before.id)]),
            ]),
          );
        }
        return eb.and(conditions);
      })
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.max(0, query.limit))
      .execute();
    return rows.map(toAlertRow);
  }

  async find(id: string): Promise<AlertRow | undefined> {
    const row = await this.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toAlertRow(row);
  }

  async acknowledge(ids: readonly string[], by: string, at: Date): Promise<AlertRow[]> {
    const changed: AlertRow[] = [];
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += ACK_CHUNK) {
      const chunk = unique.slice(start, start + ACK_CHUNK);
      // The IS NULL condition makes the first acknowledgement win when two consoles race.
      const rows = await this.db
        .updateTable('alerts')
        .set({ acknowledged_at: at.getTime(), acknowledged_by: by })
        .where('id', 'in', chunk)
        .where('acknowledged_at', 'is', null)
        .returningAll()
        .execute();
      changed.push(...rows.map(toAlertRow));
    }
    return changed.sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : -1));
  }

  async countOpenByMark(): Promise<{ mark: AlertMark; count: number }[]> {
    const rows = await this.db
      .selectFrom('alerts')
      .select((eb) => ['mark', eb.fn.countAll().as('n')])
      .where('acknowledged_at', 'is', null)
      .where('session_start', '=', 0)
      .where('mark', 'is not', null)
      .groupBy('mark')
      .execute();
    return rows.map((raw) => {
      const row = parseRow('alerts', openCountSchema, raw);
      return { mark: row.mark, count: row.n };
    });
  }

  async topTypesSince(since: Date, limit: number): Promise<{ alertType: string; count: number }[]> {
    const rows = await this.db
      .selectFrom('alerts')
      .select((eb) => ['alert_type', eb.fn.sum<number>('count').as('n')])
      .where('received_at', '>=', since.getTime())
      .where('session_start', '=', 0)
      .groupBy('alert_type')
      .orderBy('n', 'desc')
      .orderBy('alert_type')
      .limit(Math.max(0, limit))
      .execute();
    return rows.map((raw) => {
      const row = parseRow('alerts', typeCountSchema, raw);
      return { alertType: row.alert_type, count: row.n };
    });
  }

  async countByTypePerBucket(
    since: Date,
    bucketMs: number,
    buckets: number,
    types: readonly string[],
  ): Promise<AlertTypeBucketCount[]> {
    if (buckets <= 0 || bucketMs <= 0) return [];
    const start = since.getTime();
    // One range scan of alerts_events_received_at_type; the cast makes the division integral.
    const bucket = sql<number>`cast((received_at - ${start}) / ${bucketMs} as bigint)`;
    const type =
      types.length === 0
        ? sql<string | null>`cast(null as text)`
        : sql<string | null>`case when alert_type in (${sql.join([...types])}) then alert_type end`;
    const rows = await this.db
      .selectFrom('alerts')
      .select((eb) => [type.as('t'), bucket.as('bucket'), eb.fn.sum<number>('count').as('n')])
      .where('received_at', '>=', start)
      .where('received_at', '<', start + bucketMs * buckets)
      .where('session_start', '=', 0)
      // By the output names: PostgreSQL would not see two bound copies of an expression as one.
      .groupBy([sql`t`, sql`bucket`])
      .execute();
    return rows.map((raw) => {
      const row = parseRow('alerts', bucketCountSchema, raw);
      return { alertType: row.t, bucket: row.bucket, count: row.n };
    });
  }
}
