import { alertMarkSchema } from '@dmc/shared/protocol';
import type { Expression, Kysely, SqlBool } from 'kysely';
import { z } from 'zod';
import type { AlertMark } from '@dmc/shared/protocol';
import type { AlertListQuery, AlertRepository, AlertRow } from '../ports';
import { chunksOf, FEW_ROWS, toJsonOrNull } from './query-helpers';
import { epochMsColumn, intColumn, jsonColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import type { AlertsTable, Database } from './schema';
import { preparedQuery } from './prepared-query';

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
});

const openCountSchema = z.object({ mark: alertMarkSchema, n: intColumn });

function toAlertRow(raw: unknown): AlertRow {
  const row = parseRow('alerts', alertRecordSchema, raw);
  return {
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
  };
}

const ALERT_COLUMNS = 12;
/** Ids per UPDATE … WHERE id IN (…), well below both engines' bind limits. */
const ACK_CHUNK = 500;

function toAlertRecord(alert: AlertRow): AlertsTable {
  return {
    id: alert.id,
    dev_id: alert.devId,
    session_id: alert.sessionId,
    alert_type: alert.alertType,
    source_uri: alert.sourceUri,
    target_uri: alert.targetUri,
    mark: alert.mark,
    data_type: alert.dataType,
    data: toJsonOrNull(alert.data),
    received_at: alert.receivedAt.getTime(),
    acknowledged_at: alert.acknowledgedAt?.getTime() ?? null,
    acknowledged_by: alert.acknowledgedBy,
  };
}

const insertAlert = preparedQuery((db, v: AlertsTable) =>
  db.insertInto('alerts').values({
    id: v.id,
    dev_id: v.dev_id,
    session_id: v.session_id,
    alert_type: v.alert_type,
    source_uri: v.source_uri,
    target_uri: v.target_uri,
    mark: v.mark,
    data_type: v.data_type,
    data: v.data,
    received_at: v.received_at,
    acknowledged_at: v.acknowledged_at,
    acknowledged_by: v.acknowledged_by,
  }),
);

export class KyselyAlertRepository implements AlertRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(alerts: AlertRow[]): Promise<void> {
    // A P1 carries one or two alerts: one prepared insert each; a burst goes in multi-row chunks.
    if (alerts.length <= FEW_ROWS) {
      for (const alert of alerts) await insertAlert(this.db, toAlertRecord(alert));
      return;
    }
    for (const chunk of chunksOf(alerts, ALERT_COLUMNS)) {
      await this.db.insertInto('alerts').values(chunk.map(toAlertRecord)).execute();
    }
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
        if (query.since !== undefined) conditions.push(eb('received_at', '>=', query.since.getTime()));
        if (query.open !== undefined) {
          conditions.push(eb('acknowledged_at', query.open ? 'is' : 'is not', null));
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
      .where('mark', 'is not', null)
      .groupBy('mark')
      .execute();
    return rows.map((raw) => {
      const row = parseRow('alerts', openCountSchema, raw);
      return { mark: row.mark, count: row.n };
    });
  }
}
