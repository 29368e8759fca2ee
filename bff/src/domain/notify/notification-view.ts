import type { NotificationRecord } from '@dmc/shared/api';
import type { NotificationRow } from '../../persistence/ports';

export function toNotificationRecord(row: NotificationRow): NotificationRecord {
  return {
    id: row.id,
    devId: row.devId,
    notificationId: row.notificationId,
    state: row.state,
    reason: row.reason,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    deadline: row.deadline.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    sessionId: row.sessionId,
  };
}
