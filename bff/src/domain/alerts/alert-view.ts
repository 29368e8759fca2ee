import type { AlertRecord } from '@dmc/shared/api';
import type { AlertRow } from '../../persistence/ports';

export function toAlertRecord(row: AlertRow): AlertRecord {
  return {
    id: row.id,
    devId: row.devId,
    sessionId: row.sessionId,
    alertType: row.alertType,
    sourceUri: row.sourceUri,
    targetUri: row.targetUri,
    mark: row.mark,
    dataType: row.dataType,
    data: row.data,
    receivedAt: row.receivedAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedBy,
    count: row.count,
    firstAt: row.firstAt.toISOString(),
    lastAt: row.receivedAt.toISOString(),
    sessionStart: row.sessionStart,
  };
}
