// Readiness (can this instance do work now?) as opposed to liveness (/healthz: the process
// answers). Checks the database and, when configured, Redis; results are cached briefly so many
// consoles polling /api/v1/status do not load the database.
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

export function createReadiness(options: {
  store: Store;
  redis: Probe | undefined;
  metrics: Metrics;
  version: string;
  instanceId: string;
  now?: () => Date;
}): Readiness {
  const now = options.now ?? (() => new Date());
  let isStopping = false;
  let cached: { at: number; status: Promise<ServiceStatus> } | undefined;

  async function probe(): Promise<ServiceStatus> {
    const { redis, metrics } = options;
    const [database, redisUp] = await Promise.all([
      isUp(() => options.store.ping()),
      redis ? isUp(() => redis.ping(CHECK_TIMEOUT_MS)) : Promise.resolve(undefined),
    ]);
    metrics.setDependencyUp('database', database);
    if (redisUp !== undefined) metrics.setDependencyUp('redis', redisUp);
    const isHealthy = database && redisUp !== false;
    return {
      status: isStopping ? 'stopping' : isHealthy ? 'ok' : 'degraded',
      version: options.version,
      instance: options.instanceId,
      checkedAt: now().toISOString(),
      dependencies: {
        database: database ? 'up' : 'down',
        redis: redisUp === undefined ? 'unused' : redisUp ? 'up' : 'down',
      },
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
  };
}
