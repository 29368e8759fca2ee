// Waking devices with P0 over HTTP push (protocol §6): one open notification per device covers all
// work queued meanwhile; failed or refused pushes are retried with backoff until the deadline; a
// push the device accepted is repeated only if no session follows. Every transition is conditional,
// so concurrent dispatchers (several instances) never send the same attempt twice.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { NotificationList, NotificationRecord } from '@dmc/shared/api';
import { signP0 } from '@dmc/shared/protocol';
import type { NotificationRepository, NotificationRow, Store } from '../../persistence/ports';
import { decryptSecret } from '../auth/device-secrets';
import { ConflictError, NotFoundError } from '../errors';
import type { Clock, EventPublisher } from '../ports';
import { notificationUpdated, publish } from '../events/live-events';
import { retryDelayMs } from './backoff';
import { toNotificationRecord } from './notification-view';
import type { PushTransport } from './push-transport';

export interface NotificationSettings {
  serverId: string;
  /** How long to keep trying to wake a device. */
  deadlineS: number;
  /** Work queued within this window shares one P0 (protocol §6: ≤ 1 s). */
  coalesceMs: number;
  /** After a 202, how long to wait for the session before pushing again. */
  answerWaitMs: number;
  /** How long one instance holds a claimed attempt before another may take it over. */
  claimMs: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: Omit<NotificationSettings, 'serverId'> = {
  deadlineS: 900,
  coalesceMs: 50,
  answerWaitMs: 30_000,
  claimMs: 15_000,
};

export interface NotificationService {
  /** POST …/notify: sends a P0 now (or returns the open one). 409 without a push URL. */
  notifyNow(devId: string): Promise<NotificationRecord>;
  /** Called when work is queued: opens a notification unless one is open or the device has no push URL. */
  wake(devId: string): Promise<void>;
  /**
   * A session opened. Whatever started it (the P0 whose NOTIFICATION-ID it echoes, or the device's
   * own schedule), it picks up the queued work, so it answers the open notification.
   */
  answered(devId: string, sessionId: string): Promise<void>;
  /** Sends or retries every due notification; returns how many attempts were made. */
  dispatchDue(limit?: number): Promise<number>;
  list(devId: string, limit: number): Promise<NotificationList>;
}

const sha256 = (data: Uint8Array): Uint8Array => createHash('sha256').update(data).digest();
/** Pushes in flight at once, so one slow device does not hold up the others. */
const PUSH_CONCURRENCY = 8;

export function createNotificationService(
  store: Store,
  deps: {
    clock: Clock;
    events: EventPublisher;
    serverKey: Buffer;
    push: PushTransport;
    settings: NotificationSettings;
    random?: () => number;
  },
): NotificationService {
  const { clock, events, settings } = deps;
  const random = deps.random ?? Math.random;
  const publishRow = (row: NotificationRow) => publish(events, notificationUpdated(row));

  async function open(
    devId: string,
    reason: NotificationRow['reason'],
    delayMs: number,
  ): Promise<NotificationRow | undefined> {
    // The device's row lock orders instances queuing work at once: one open notification per device.
    const opened = await store.transaction(async (repos) => {
      if (!(await repos.devices.lock(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
      // Read under the lock: a notification answered while this waited is older than this one.
      const now = clock.now();
      const device = await repos.devices.find(devId);
      if (!device?.pushUrl) return undefined;
      const existing = await repos.notifications.findOpen(devId);
      if (existing) return { row: existing, isNew: false };
      const row = newNotification(devId, reason, delayMs, now);
      await repos.notifications.create(row);
      return { row, isNew: true };
    });
    if (opened?.isNew) publishRow(opened.row);
    return opened?.row;
  }

  function newNotification(
    devId: string,
    reason: NotificationRow['reason'],
    delayMs: number,
    now: Date,
  ): NotificationRow {
    return {
      id: randomUUID(),
      devId,
      notificationId: randomInt(1, 65_536),
      state: 'pending',
      reason,
      attempts: 0,
      lastError: null,
      nextAttemptAt: new Date(now.getTime() + delayMs),
      deadline: new Date(now.getTime() + settings.deadlineS * 1000),
      createdAt: now,
      updatedAt: now,
      answeredAt: null,
      sessionId: null,
    };
  }

  /**
   * Claims the next attempt of a due notification with a conditional update (attempts + 1, held for
   * claimMs), or closes it past its deadline. Undefined when another instance moved it first.
   */
  async function claim(
    notifications: NotificationRepository,
    due: NotificationRow,
    now: Date,
  ): Promise<{ kind: 'claimed' | 'closed'; row: NotificationRow } | undefined> {
    if (now.getTime() >= due.deadline.getTime()) {
      const finalState = due.state === 'sent' ? 'expired' : 'failed';
      const closed = { ...due, state: finalState, nextAttemptAt: null, updatedAt: now } as const;
      return (await notifications.update(closed, due)) ? { kind: 'closed', row: closed } : undefined;
    }
    const claimed: NotificationRow = {
      ...due,
      state: 'pending',
      attempts: due.attempts + 1,
      nextAttemptAt: new Date(now.getTime() + settings.claimMs),
      updatedAt: now,
    };
    return (await notifications.update(claimed, due)) ? { kind: 'claimed', row: claimed } : undefined;
  }

  /** One attempt: claim it, push, record the outcome. */
  async function attempt(due: NotificationRow): Promise<boolean> {
    const taken = await claim(store.notifications, due, clock.now());
    if (taken?.kind === 'closed') publishRow(taken.row);
    if (taken?.kind !== 'claimed') return false;
    await deliver(taken.row);
    return true;
  }

  /**
   * Pushes a claimed attempt and records how it went. An attempt whose claim has run half its time
   * before its turn came (a batch of slow pushes) is left alone: another dispatcher may take it over
   * when the claim ends, and a push started this late could still be under way then.
   */
  async function deliver(claimed: NotificationRow): Promise<void> {
    const claimEndsAt = claimed.nextAttemptAt?.getTime() ?? 0;
    if (claimEndsAt - clock.now().getTime() < settings.claimMs / 2) return;
    const device = await store.devices.find(claimed.devId);
    const result =
      device?.pushUrl && device.credentials.notifySecretEnc
        ? await deps.push(
            device.pushUrl,
            await signP0(
              {
                serverId: settings.serverId,
                notificationId: claimed.notificationId,
                timestamp: Math.floor(claimed.updatedAt.getTime() / 1000),
              },
              {
                secret: new TextEncoder().encode(
                  decryptSecret(deps.serverKey, device.credentials.notifySecretEnc),
                ),
                authData: new TextEncoder().encode(claimed.devId),
              },
              sha256,
            ),
          )
        : { isAccepted: false, detail: 'the device has no push URL' };
    const after = clock.now();
    const next: NotificationRow = result.isAccepted
      ? {
          ...claimed,
          state: 'sent',
          lastError: null,
          nextAttemptAt: new Date(after.getTime() + settings.answerWaitMs),
        }
      : {
          ...claimed,
          lastError: result.detail,
          nextAttemptAt: new Date(after.getTime() + retryDelayMs(claimed.attempts, random)),
        };
    next.updatedAt = after;
    if (await store.notifications.update(next, claimed)) publishRow(next);
  }

  return {
    async notifyNow(devId) {
      const row = await open(devId, 'manual', 0);
      if (!row)
        throw new ConflictError(`Device "${devId}" has no push URL; it is served at its next session.`);
      if (row.state === 'pending' && row.attempts === 0) await attempt(row);
      return toNotificationRecord((await store.notifications.find(row.id)) ?? row);
    },

    async wake(devId) {
      await open(devId, 'queued-work', settings.coalesceMs);
    },

    async answered(devId, sessionId) {
      const row = await store.notifications.findOpen(devId);
      if (!row) return;
      const now = clock.now();
      const answered: NotificationRow = {
        ...row,
        state: 'answered',
        answeredAt: now,
        sessionId,
        nextAttemptAt: null,
        updatedAt: now,
      };
      if (await store.notifications.update(answered, row)) publishRow(answered);
    },

    async dispatchDue(limit = 100) {
      const now = clock.now();
      // The batch is claimed in one transaction (rows locked FOR UPDATE SKIP LOCKED on PostgreSQL),
      // so dispatchers on several instances never take the same attempt; pushes happen after commit.
      const taken = await store.transaction(async (repos) => {
        const claims = [];
        for (const due of await repos.notifications.listDue(now, limit)) {
          const claimed = await claim(repos.notifications, due, now);
          if (claimed) claims.push(claimed);
        }
        return claims;
      });
      const claimed = taken.filter((t) => t.kind === 'claimed').map((t) => t.row);
      for (const t of taken) if (t.kind === 'closed') publishRow(t.row);
      for (let i = 0; i < claimed.length; i += PUSH_CONCURRENCY) {
        await Promise.all(claimed.slice(i, i + PUSH_CONCURRENCY).map(deliver));
      }
      return claimed.length;
    },

    async list(devId, limit) {
      if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
      const rows = await store.notifications.listByDevice(devId, limit);
      return { items: rows.map(toNotificationRecord) };
    },
  };
}
