// A token bucket per socket: a burst of SOCKET_EVENT_BURST events, refilled at
// SOCKET_EVENTS_PER_SECOND. Cheap enough to check before anything else an event costs.
import type { Clock } from '../domain/ports';

export const SOCKET_EVENT_BURST = 60;
export const SOCKET_EVENTS_PER_SECOND = 10;

export interface RateBucket {
  /** Takes one token; false when none is left. */
  take(): boolean;
}

export function createRateBucket(clock: Clock): RateBucket {
  let tokens = SOCKET_EVENT_BURST;
  let last = clock.now().getTime();
  return {
    take() {
      const now = clock.now().getTime();
      tokens = Math.min(
        SOCKET_EVENT_BURST,
        tokens + (Math.max(0, now - last) / 1000) * SOCKET_EVENTS_PER_SECOND,
      );
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
