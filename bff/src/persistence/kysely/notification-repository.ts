import type { Kysely } from 'kysely';
import { z } from 'zod';
import { NOTIFICATION_STATES } from '../ports';
import type { NotificationRepository, NotificationRow, NotificationState } from '../ports';
import { epochMsColumn, intColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import { claimRows, type Engine } from './dialect';
import type { Database, NotificationsTable } from './schema';
import { preparedQuery } from './prepared-query';

const notificationRecordSchema = z.object({
  id: z.string(),
  dev_id: z.string(),
  notification_id: intColumn,
  state: z.enum(NOTIFICATION_STATES),
  reason: z.enum(['manual', 'queued-work']),
  attempts: intColumn,
  last_error: z.string().nullable(),
  next_attempt_at: nullableEpochMsColumn,
  deadline: epochMsColumn,
  created_at: epochMsColumn,
  updated_at: epochMsColumn,
  answered_at: nullableEpochMsColumn,
  session_id: z.string().nullable(),
});

function toNotificationRow(raw: unknown): NotificationRow {
  const row = parseRow('notifications', notificationRecordSchema, raw);
  return {
    id: row.id,
    devId: row.dev_id,
    notificationId: row.notification_id,
    state: row.state,
    reason: row.reason,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    deadline: row.deadline,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    answeredAt: row.answered_at,
    sessionId: row.session_id,
  };
}

function toRecord(row: NotificationRow): NotificationsTable {
  return {
    id: row.id,
    dev_id: row.devId,
    notification_id: row.notificationId,
    state: row.state,
    reason: row.reason,
    attempts: row.attempts,
    last_error: row.lastError,
    next_attempt_at: row.nextAttemptAt?.getTime() ?? null,
    deadline: row.deadline.getTime(),
    created_at: row.createdAt.getTime(),
    updated_at: row.updatedAt.getTime(),
    answered_at: row.answeredAt?.getTime() ?? null,
    session_id: row.sessionId,
  };
}

/** States in which a notification is still in flight (retried or awaiting its session). */
const OPEN_STATES: readonly NotificationState[] = ['pending', 'sent'];

// Run on every DM session.
const findOpenNotification = preparedQuery((db, v: { devId: string }) =>
  db
    .selectFrom('notifications')
    .selectAll()
    .where('dev_id', '=', v.devId)
    .where('state', 'in', [...OPEN_STATES])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1),
);

export class KyselyNotificationRepository implements NotificationRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async create(row: NotificationRow): Promise<void> {
    await this.db.insertInto('notifications').values(toRecord(row)).execute();
  }

  async find(id: string): Promise<NotificationRow | undefined> {
    const row = await this.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toNotificationRow(row);
  }

  async findOpen(devId: string): Promise<NotificationRow | undefined> {
    const [row] = (await findOpenNotification(this.db, { devId })).rows;
    return row === undefined ? undefined : toNotificationRow(row);
  }

  async listByDevice(devId: string, limit: number): Promise<NotificationRow[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('dev_id', '=', devId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.max(0, limit))
      .execute();
    return rows.map(toNotificationRow);
  }

  async listDue(now: Date, limit: number): Promise<NotificationRow[]> {
    const query = this.db
      .selectFrom('notifications')
      .selectAll()
      .where('state', 'in', [...OPEN_STATES])
      .where('next_attempt_at', '<=', now.getTime())
      .orderBy('next_attempt_at', 'asc')
      .orderBy('id', 'asc')
      .limit(Math.max(0, limit));
    const rows = await claimRows(this.engine, query).execute();
    return rows.map(toNotificationRow);
  }

  async update(
    row: NotificationRow,
    expected: { state: NotificationState; attempts: number },
  ): Promise<boolean> {
    // Compare-and-set on (state, attempts) in one statement: of concurrent writers only one matches.
    // The device and creation time never change; every other field is written as given.
    const record = toRecord(row);
    const result = await this.db
      .updateTable('notifications')
      .set({
        notification_id: record.notification_id,
        state: record.state,
        reason: record.reason,
        attempts: record.attempts,
        last_error: record.last_error,
        next_attempt_at: record.next_attempt_at,
        deadline: record.deadline,
        updated_at: record.updated_at,
        answered_at: record.answered_at,
        session_id: record.session_id,
      })
      .where('id', '=', record.id)
      .where('state', '=', expected.state)
      .where('attempts', '=', expected.attempts)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
