// The load generator: simulated devices (@dmc/sim) running full DM sessions with bounded concurrency.
import { deviceIdentity, deviceProfile, seededRandom, SimDevice, type SessionSummary } from '@dmc/sim';

export interface LoadResult {
  sessions: number;
  failed: number;
  packages: number;
  seconds: number;
  perSecond: number;
  /** The first failure, to explain a non-zero `failed`. */
  firstError?: string;
}

/** SimDevices `<prefix>-0001…` whose DMAcc points at `serverUrl` (built before any timing starts). */
export function simDevices(prefix: string, count: number, serverUrl: string, firstNumber = 1): SimDevice[] {
  return Array.from({ length: count }, (_, i) => {
    const n = firstNumber + i;
    const { devId, secret } = deviceIdentity(prefix, n);
    return new SimDevice({ devId, secret, serverUrl, profile: deviceProfile(seededRandom(n)) });
  });
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next;
      next += 1;
      const item = items[i];
      if (i >= items.length || item === undefined) return;
      results[i] = await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

/** One client-initiated session per device, `concurrency` in flight; the rate over the whole batch. */
export async function runSessions(devices: readonly SimDevice[], concurrency: number): Promise<LoadResult> {
  const started = performance.now();
  const summaries: SessionSummary[] = await pool(devices, concurrency, (d) => d.runSession('client'));
  const seconds = (performance.now() - started) / 1000;
  const failed = summaries.filter((s) => !s.ok);
  const first = failed[0]?.error;
  return {
    sessions: summaries.length,
    failed: failed.length,
    packages: summaries.reduce((sum, s) => sum + s.packages, 0),
    seconds,
    perSecond: summaries.length / seconds,
    ...(first === undefined ? {} : { firstError: first }),
  };
}
