// What the session inspector keeps is bounded (profile §13, invariant 28): packages older than
// DMC_SESSION_LOG_DAYS go, and of each device only the packages of its DMC_SESSION_LOG_PER_DEVICE
// newest sessions stay. Run by a lease-guarded background task; every step is a conditional delete
// of a bounded batch, so a step run twice, or cut short, leaves nothing wrong for the next run.
import type { Store } from '../../persistence/ports';
import type { Clock } from '../ports';

export interface SessionLogRetention {
  /** Sessions whose packages are kept per device. */
  perDevice: number;
  /** Days a package is kept. */
  days: number;
}

export const DEFAULT_SESSION_LOG_RETENTION: SessionLogRetention = { perDevice: 50, days: 14 };

/** Rows deleted per statement by age. */
const AGE_BATCH = 1_000;
/** Devices judged per statement by count. */
const DEVICE_BATCH = 100;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Deletes what is past the bounds; returns how many packages went. */
export async function pruneSessionLog(
  store: Store,
  clock: Clock,
  retention: SessionLogRetention = DEFAULT_SESSION_LOG_RETENTION,
): Promise<number> {
  let removed = 0;
  const before = new Date(clock.now().getTime() - retention.days * 86_400_000);
  for (;;) {
    const gone = await store.sessionLog.removeOlderThan(before, AGE_BATCH);
    removed += gone;
    if (gone < AGE_BATCH) break;
    await nextTurn();
  }
  let after: string | null = null;
  for (;;) {
    const devices = await store.sessionLog.listDevicesAfter(after, DEVICE_BATCH);
    if (devices.length === 0) break;
    removed += await store.sessionLog.keepNewestSessions(devices, retention.perDevice);
    after = devices.at(-1) ?? null;
    if (devices.length < DEVICE_BATCH) break;
    await nextTurn();
  }
  return removed;
}
