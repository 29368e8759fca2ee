import type { Store } from '../persistence/ports';
import type { Clock } from './ports';

/** Deletes what has expired: hosted DR objects, Digest nonce counts and console sessions. */
export async function removeExpired(store: Store, clock: Clock): Promise<number> {
  const now = clock.now();
  const counts = await Promise.all([
    store.drObjects.removeExpired(now),
    store.nonces.removeExpired(now),
    store.tokens.removeExpired(now),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}
