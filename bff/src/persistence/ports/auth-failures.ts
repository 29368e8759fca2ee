// Counters of failed authentications per key and window (protocol §7, §10), shared by every instance.

/** Whose failures a counter holds: a console username, a client address or a DevID. */
export type AuthFailureScope = 'user' | 'address' | 'device';

export interface AuthFailureCount {
  failures: number;
  windowStart: Date;
}

export interface AuthFailureRepository {
  /**
   * Adds one to the counter of `key`, atomically on every engine; a counter whose window started at
   * or before `windowStartedBefore` (or none) starts again at 1 with its window at `now`.
   * Returns the counter after the change.
   */
  add(scope: AuthFailureScope, key: string, now: Date, windowStartedBefore: Date): Promise<AuthFailureCount>;
  /** The counter of `key`, if any (it may be of a window that has passed). */
  find(scope: AuthFailureScope, key: string): Promise<AuthFailureCount | undefined>;
  /** Takes one off the counter of `key` if it is still of the window that started `windowStart`. */
  subtract(scope: AuthFailureScope, key: string, windowStart: Date): Promise<void>;
  remove(scope: AuthFailureScope, key: string): Promise<void>;
  /** Deletes counters whose window started before `before`; returns how many. */
  removeStarted(before: Date): Promise<number>;
  /** Deletes the counters of the oldest windows until at most `max` are left; returns how many. */
  removeBeyond(max: number): Promise<number>;
}
