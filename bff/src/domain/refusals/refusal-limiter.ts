// How often refusals may be written (issue 12): a device, or an attacker, that is refused again and
// again must not turn into a stream of database writes. Two token buckets: one for all devices (a
// flood of made-up DevIDs spends it, and then costs nothing), one per device (a looping device keeps
// its few records and a count of the rest). Process memory only: a limit per instance, bounded in
// size; losing it on restart loses nothing anyone needs.

export interface RefusalLimits {
  /** Records written at once across all devices, then `globalPerS` a second. */
  globalBurst: number;
  globalPerS: number;
  /** Records written at once for one device, then one every `deviceEveryS` seconds. */
  deviceBurst: number;
  deviceEveryS: number;
  /** Devices tracked at once; the longest untouched are forgotten first. */
  maxTracked: number;
}

export const DEFAULT_REFUSAL_LIMITS: RefusalLimits = {
  globalBurst: 20,
  globalPerS: 10,
  deviceBurst: 5,
  deviceEveryS: 10,
  maxTracked: 10_000,
};

interface Bucket {
  tokens: number;
  at: number;
}

function take(bucket: Bucket, now: number, burst: number, perMs: number): boolean {
  bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMs);
  bucket.at = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

export interface RefusalLimiter {
  /**
   * Whether a refusal of `devId` may be written now. When it may, also the number of its refusals
   * held back since its last write (then reset); when not, that count grows.
   */
  admit(devId: string, now: number): { admitted: true; suppressed: number } | { admitted: false };
}

export function createRefusalLimiter(limits: RefusalLimits = DEFAULT_REFUSAL_LIMITS): RefusalLimiter {
  const global: Bucket = { tokens: limits.globalBurst, at: 0 };
  const devices = new Map<string, Bucket & { suppressed: number }>();
  return {
    admit(devId, now) {
      let device = devices.get(devId);
      if (device === undefined) {
        if (devices.size >= limits.maxTracked) {
          const oldest = devices.keys().next().value;
          if (oldest !== undefined) devices.delete(oldest);
        }
        device = { tokens: limits.deviceBurst, at: now, suppressed: 0 };
      }
      // Most recently touched last, so the first key is the one to forget.
      devices.delete(devId);
      devices.set(devId, device);
      const perDevice = take(device, now, limits.deviceBurst, 1 / (limits.deviceEveryS * 1000));
      if (!perDevice || !take(global, now, limits.globalBurst, limits.globalPerS / 1000)) {
        if (perDevice) device.tokens += 1;
        device.suppressed += 1;
        return { admitted: false };
      }
      const suppressed = device.suppressed;
      device.suppressed = 0;
      return { admitted: true, suppressed };
    },
  };
}
