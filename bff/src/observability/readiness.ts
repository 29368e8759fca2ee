// Readiness (can this instance do work now?) as opposed to liveness (/healthz: the process
// answers). Checks the database, storage space and, when configured, Redis; results are cached
// briefly so many consoles polling /api/v1/status do not load the database.
//
// Storage: a write that failed for want of space (SQLITE_FULL, ENOSPC, PostgreSQL disk_full) sets a
// latch that only a successful write probe clears; and when a data directory is given, its free
// space is read (statfs) against a minimum. Either makes the instance not ready (issue 12).
import { statfs } from 'node:fs/promises';
import type { ServiceStatus } from '@dmc/shared/api';
import type { Store } from '../persistence/ports';
import type { Metrics } from './metrics';

/** A dependency that can be probed; `ping` rejects when it is unreachable. */
export interface Probe {
  ping(timeoutMs?: number): Promise<void>;
}

export interface Readiness {
  check(): Promise<ServiceStatus>;
  /** From now on report `stopping` (graceful shutdown: the load balancer drains this instance). */
  markStopping(): void;
  /** A write failed for want of space: not ready until a write probe succeeds. */
  markStorageFull(): void;
}

/** The data directory whose free space is checked, and the least free space that counts as ready. */
export interface StorageCheck {
  dir: string;
  /** DMC_MIN_FREE_BYTES; 0 checks nothing. */
  minFreeBytes: number;
}

const CHECK_TIMEOUT_MS = 1_500;
const CACHE_MS = 1_000;

async function isUp(work: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([work(), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Why the data directory counts as full, or undefined. */
async function lowSpace(check: StorageCheck | undefined): Promise<string | undefined> {
  if (!check || check.minFreeBytes <= 0) return undefined;
  try {
    const stats = await statfs(check.dir);
    const free = stats.bavail * stats.bsize;
    if (free >= check.minFreeBytes) return undefined;
    return `The data directory has ${free} bytes free, less than DMC_MIN_FREE_BYTES (${check.minFreeBytes}).`;
  } catch {
    return 'The free space of the data directory cannot be read.';
  }
}

export function createReadiness(options: {
  store: Store;
  redis: Probe | undefined;
  metrics: Metrics;
  version: string;
  instanceId: string;
  storage?: StorageCheck;
  now?: () => Date;
}): Readiness {
  const now = options.now ?? (() => new Date());
  let isStopping = false;
  let isStorageFull = false;
  let cached: { at: number; status: Promise<ServiceStatus> } | undefined;

  /** Why storage counts as full now, or undefined; a successful write probe clears the latch. */
  async function storageProblem(database: boolean): Promise<string | undefined> {
    if (isStorageFull && database) {
      if (await isUp(() => options.store.probeWrite())) isStorageFull = false;
    }
    if (isStorageFull) return 'A write failed because the storage is full; a write probe still fails.';
    return lowSpace(options.storage);
  }

  async function probe(): Promise<ServiceStatus> {
    const { redis, metrics } = options;
    const [database, redisUp] = await Promise.all([
      isUp(() => options.store.ping()),
      redis ? isUp(() => redis.ping(CHECK_TIMEOUT_MS)) : Promise.resolve(undefined),
    ]);
    const storage = await storageProblem(database);
    metrics.setDependencyUp('database', database);
    metrics.setDependencyUp('storage', storage === undefined);
    if (redisUp !== undefined) metrics.setDependencyUp('redis', redisUp);
    const reasons = [
      ...(database ? [] : ['The database does not answer.']),
      ...(redisUp === false ? ['Redis does not answer.'] : []),
      ...(storage === undefined ? [] : [storage]),
    ];
    return {
      status: isStopping ? 'stopping' : reasons.length === 0 ? 'ok' : 'degraded',
      version: options.version,
      instance: options.instanceId,
      checkedAt: now().toISOString(),
      dependencies: {
        database: database ? 'up' : 'down',
        redis: redisUp === undefined ? 'unused' : redisUp ? 'up' : 'down',
        storage: storage === undefined ? 'ok' : 'full',
      },
      ...(reasons.length === 0 ? {} : { reasons }),
    };
  }

  return {
    check() {
      const at = Date.now();
      if (!cached || at - cached.at >= CACHE_MS) cached = { at, status: probe() };
      return cached.status.then((status) =>
        isStopping && status.status !== 'stopping' ? { ...status, status: 'stopping' } : status,
      );
    },
    markStopping() {
      isStopping = true;
    },
    markStorageFull() {
      isStorageFull = true;
      cached = undefined;
    },
  };
}
