// Login throttling (protocol §10): 5 failed sign-ins for one username, or 20 from one client address,
// within 15 minutes, and further attempts are refused with 429 until that window passes, even with
// the right password. The counters live in the database, so every instance sees the same ones.
import type { AuthFailureCount, Store } from '../../persistence/ports';
import type { Clock } from '../ports';
import { TooManyRequestsError } from '../errors';

export interface LoginThrottlePolicy {
  maxPerUser: number;
  maxPerAddress: number;
  windowMs: number;
}

export const LOGIN_THROTTLE: LoginThrottlePolicy = {
  maxPerUser: 5,
  maxPerAddress: 20,
  windowMs: 15 * 60 * 1000,
};

/** An attempt let through: settle it once the password is checked. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
}

export interface LoginThrottle {
  /**
   * Counts an attempt before the password is checked, so parallel attempts on any instance cannot
   * pass the limit; throws TooManyRequestsError when the address or the username is over it.
   */
  begin(username: string, address: string): Promise<LoginAttempt>;
}

function refuse(count: AuthFailureCount, windowMs: number, now: Date): TooManyRequestsError {
  const waitMs = count.windowStart.getTime() + windowMs - now.getTime();
  return new TooManyRequestsError(
    'Too many failed sign-ins; try again later.',
    Math.max(1, Math.ceil(waitMs / 1000)),
  );
}

export function createLoginThrottle(
  store: Store,
  clock: Clock,
  policy: LoginThrottlePolicy = LOGIN_THROTTLE,
): LoginThrottle {
  const { authFailures } = store;
  return {
    async begin(username, address) {
      const now = clock.now();
      const passed = new Date(now.getTime() - policy.windowMs);
      // The address first: an address over its limit adds no username counters, so one address
      // makes at most `maxPerAddress` of them per window (storage stays bounded).
      const byAddress = await authFailures.add('address', address, now, passed);
      if (byAddress.failures > policy.maxPerAddress) throw refuse(byAddress, policy.windowMs, now);
      const byUser = await authFailures.add('user', username, now, passed);
      if (byUser.failures > policy.maxPerUser) throw refuse(byUser, policy.windowMs, now);
      return {
        // A success was no failure: the address gets its attempt back, the username starts afresh.
        async succeeded() {
          await authFailures.subtract('address', address, byAddress.windowStart);
          await authFailures.remove('user', username);
        },
      };
    },
  };
}
