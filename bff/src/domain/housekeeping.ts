import type { Store } from '../persistence/ports';
import { DEFAULT_SUB_INBOX_IDLE_S, liveCommandStates } from './dr/inbox-lifetime';
import type { Clock } from './ports';

/**
 * Deletes what has expired: hosted DR objects, upload inboxes that take no more uploads (protocol §1,
 * §12: their command ended, their SUB was refused, or a SUB inbox idle for `subInboxIdleS`), Digest
 * nonce counts and console sessions.
 */
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
  ]);
  return counts.reduce((a, b) => a + b, 0);
}
