// Wave planning (protocol §11): a pure function from the wave spec and the number of devices that
// will run to the size of each wave. A canary group first (when asked for), then fixed-size waves or
// cumulative percentages of the devices. Empty waves are left out.
import { MAX_CAMPAIGN_WAVES, type WaveSpec } from '@dmc/shared/api';

/** The size of each wave, in order; their sum is `count`, and there are at most MAX_CAMPAIGN_WAVES. */
export function planWaves(spec: WaveSpec, count: number, maxWaves = MAX_CAMPAIGN_WAVES): number[] {
  if (count <= 0) return [];
  const sizes: number[] = [];
  const canary = Math.min(spec.canary, count);
  if (canary > 0) sizes.push(canary);
  const rest = count - canary;
  if (rest === 0) return sizes;
  if ('size' in spec) {
    // A size that would need more waves than allowed is raised so the rest fits.
    const room = maxWaves - sizes.length;
    const size = Math.max(spec.size, Math.ceil(rest / room));
    for (let left = rest; left > 0; left -= size) sizes.push(Math.min(size, left));
    return sizes;
  }
  // Cumulative shares of all the devices; the canary counts toward the first share.
  let placed = canary;
  for (const pct of spec.percentages) {
    const target = Math.min(count, Math.ceil((count * pct) / 100));
    if (target > placed) {
      sizes.push(target - placed);
      placed = target;
    }
  }
  return sizes;
}

/** The wave of the device at `position` (0-based, in devId order) under `sizes`. */
export function waveOf(sizes: readonly number[], position: number): number {
  let end = 0;
  for (const [n, size] of sizes.entries()) {
    end += size;
    if (position < end) return n;
  }
  return Math.max(0, sizes.length - 1);
}
