import type { Store } from '../persistence/ports';
import { DEFAULT_SESSION_IDLE_MINUTES } from './auth/auth.service';
import { DEVICE_THROTTLE } from './auth/device-throttle';
import { LOGIN_THROTTLE } from './auth/login-throttle';
import { DEFAULT_SUB_INBOX_IDLE_S, liveCommandStates } from './dr/inbox-lifetime';
import type { Clock } from './ports';

/**
 * Deletes what has expired: hosted DR objects, upload inboxes that take no more uploads (protocol §1,
 * §12: their command ended, their SUB was refused, or a SUB inbox idle for `subInboxIdleS`), Digest
 * nonce counts, console sessions past their absolute or idle end (their sockets disconnected), API
 * tokens past their expiry, and failed-authentication counters whose window has passed.
 */
/** Failure counters are kept no longer than their window, and never more than this many. */
export const MAX_AUTH_FAILURE_ROWS = 100_000;

async function removeAuthFailures(store: Store, now: Date): Promise<number> {
  const longest = Math.max(LOGIN_THROTTLE.windowMs, DEVICE_THROTTLE.windowMs);
  const passed = await store.authFailures.removeStarted(new Date(now.getTime() - longest));
  return passed + (await store.authFailures.removeBeyond(MAX_AUTH_FAILURE_ROWS));
}

export interface HousekeepingOptions {
  subInboxIdleS?: number;
  /** DMC_SESSION_IDLE_MINUTES: console sessions unused this long are deleted (protocol §10). */
  sessionIdleMinutes?: number;
  /** Disconnects the live sockets of the sessions and API tokens deleted (on every instance). */
  onTokensEnded?: (tokenHashes: readonly string[]) => void;
}

async function removeEndedTokens(store: Store, now: Date, options: HousekeepingOptions): Promise<number> {
  const idleMs = (options.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES) * 60_000;
  const hashes = await store.tokens.removeExpired(now, new Date(now.getTime() - idleMs));
  if (hashes.length > 0) options.onTokensEnded?.(hashes);
  return hashes.length;
}

export async function removeExpired(
  store: Store,
  clock: Clock,
  options: HousekeepingOptions = {},
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
    removeEndedTokens(store, now, options),
    removeAuthFailures(store, now),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}
