// Wake-ups of devices by P0.
import { NOTIFICATION_STATES } from '@dmc/shared/api';

export { NOTIFICATION_STATES };
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/**
 * One wake-up of a device by P0 (protocol §6): retried with backoff until the device opens a session
 * or the deadline passes. Kept beside the commands; it is not a command state.
 */
export interface NotificationRow {
  id: string;
  devId: string;
  /** NOTIFICATION-ID of the P0 (uint16), echoed in the ServerInitiatedMgmt alert. */
  notificationId: number;
  /** pending: to send (again) at nextAttemptAt; sent: the device accepted it (202), a session is awaited. */
  state: NotificationState;
  reason: 'manual' | 'queued-work';
  attempts: number;
  lastError: string | null;
  /** When the next attempt is due (pending), or when an accepted push counts as unanswered (sent). */
  nextAttemptAt: Date | null;
  deadline: Date;
  createdAt: Date;
  updatedAt: Date;
  answeredAt: Date | null;
  /** The session that answered it. */
  sessionId: string | null;
}

export interface NotificationRepository {
  create(row: NotificationRow): Promise<void>;
  find(id: string): Promise<NotificationRow | undefined>;
  /** The device's pending or sent notification, if any (at most one is open per device). */
  findOpen(devId: string): Promise<NotificationRow | undefined>;
  /** Newest first. */
  listByDevice(devId: string, limit: number): Promise<NotificationRow[]>;
  /**
   * Pending notifications whose nextAttemptAt is at or before `now`, and sent ones past nextAttemptAt;
   * oldest first. Locks like SessionRepository.listExpired, so instances claim disjoint batches.
   */
  listDue(now: Date, limit: number): Promise<NotificationRow[]>;
  /** Writes `row` if the stored row still has `expectedState` and `expectedAttempts`; false when someone else moved it. */
  update(row: NotificationRow, expected: { state: NotificationState; attempts: number }): Promise<boolean>;
}
