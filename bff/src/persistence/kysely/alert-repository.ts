import { alertMarkSchema } from '@dmc/shared/protocol';
import type { Expression, Kysely, SqlBool } from 'kysely';
import { z } from 'zod';
import type { AlertListQuery, AlertRepository, AlertRow } from '../ports';
import { chunksOf, toJsonOrNull } from './query-helpers';
import { epochMsColumn, jsonColumn, parseRow } from './row-codecs';
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
});

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
  };
}

const ALERT_COLUMNS = 10;

export class KyselyAlertRepository implements AlertRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(alerts: AlertRow[]): Promise<void> {
    for (const chunk of chunksOf(alerts, ALERT_COLUMNS)) {
      await this.db
        .insertInto('alerts')
        .values(
          chunk.map((alert) => ({
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
          })),
        )
        .execute();
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
        if (query.since !== undefined) conditions.push(eb('received_at', '>=', query.since.getTime()));
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
}
