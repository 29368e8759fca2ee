import type { Store } from '../persistence/ports';
import { DEVICE_THROTTLE } from './auth/device-throttle';
import { LOGIN_THROTTLE } from './auth/login-throttle';
import { DEFAULT_SUB_INBOX_IDLE_S, liveCommandStates } from './dr/inbox-lifetime';
import type { Clock } from './ports';

/**
 * Deletes what has expired: hosted DR objects, upload inboxes that take no more uploads (protocol §1,
 * §12: their command ended, their SUB was refused, or a SUB inbox idle for `subInboxIdleS`), Digest
 * nonce counts, console sessions and failed-authentication counters whose window has passed.
 */
/** Failure counters are kept no longer than their window, and never more than this many. */
export const MAX_AUTH_FAILURE_ROWS = 100_000;

async function removeAuthFailures(store: Store, now: Date): Promise<number> {
  const longest = Math.max(LOGIN_THROTTLE.windowMs, DEVICE_THROTTLE.windowMs);
  const passed = await store.authFailures.removeStarted(new Date(now.getTime() - longest));
  return passed + (await store.authFailures.removeBeyond(MAX_AUTH_FAILURE_ROWS));
}

export async function removeExpired(
  store: Store,
  clock: Clock,
  options: { subInboxIdleS?: number } = {},
): Promise<number> {
  const now = clock.now();
  const idleMs = (options.subInboxIdleS ?? DEFAULT_SUB_INBOX_IDLE_S) * 1000;
  const counts = await Promise.all([
    store.drObjects.removeExpired(now),
    store.inboxes.removeClosed({
      now,
      uploadStates: liveCommandStates('HPUT'),
      subscribedStates: liveCommandStates('SUB'),
      subIdleBefore: new Date(now.getTime() - idleMs),
    }),
    store.nonces.removeExpired(now),
    store.tokens.removeExpired(now),
    removeAuthFailures(store, now),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}
