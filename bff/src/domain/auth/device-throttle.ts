// The slow-down for wrong device credentials (protocol §7): after `maxFailures` wrong secrets or
// Digest responses for one DevID within `windowMs`, every package naming that DevID is answered 429
// with Retry-After until the window passes, right credentials or not. Counted only for registered
// DevIDs (storage stays bounded by the fleet) and in the database (every instance sees the same).
import type { AuthFailureCount, Store } from '../../persistence/ports';
import type { Clock } from '../ports';

export interface DeviceThrottlePolicy {
  maxFailures: number;
  windowMs: number;
}

export const DEVICE_THROTTLE: DeviceThrottlePolicy = { maxFailures: 10, windowMs: 5 * 60 * 1000 };

export interface DeviceThrottle {
  /**
   * Seconds the DevID must wait, or undefined when it may try now, from its counter (the device
   * gate reads it beside the device row: `DeviceRepository.findForAdmission`).
   */
  retryAfter(count: AuthFailureCount | undefined): number | undefined;
  /** Counts a wrong credential for a registered DevID. */
  failed(devId: string): Promise<void>;
}

export function createDeviceThrottle(
  store: Store,
  clock: Clock,
  policy: DeviceThrottlePolicy = DEVICE_THROTTLE,
): DeviceThrottle {
  return {
    retryAfter(count) {
      if (!count || count.failures < policy.maxFailures) return undefined;
      const waitMs = count.windowStart.getTime() + policy.windowMs - clock.now().getTime();
      return waitMs > 0 ? Math.ceil(waitMs / 1000) : undefined;
    },
    async failed(devId) {
      const now = clock.now();
      await store.authFailures.add('device', devId, now, new Date(now.getTime() - policy.windowMs));
    },
  };
}
