import { z } from 'zod';

/**
 * What this backend can do right now (GET /api/v1/status, and /readyz's body). `database: down`:
 * nothing can be read or changed (requests get 503 SERVICE_UNAVAILABLE; retry later). `redis:
 * down`: changes made on other instances are not pushed live (refetch). `unused`: one instance,
 * no Redis configured. `storage: full`: writes fail for want of space. `stopping`: this instance is
 * shutting down.
 */
export const serviceStatusSchema = z.object({
  status: z.enum(['ok', 'degraded', 'stopping']),
  version: z.string(),
  /**
   * The instance that answered (DMC_INSTANCE_ID, by default host name and pid); left out of the
   * unauthenticated answers (/readyz, /api/v1/status), which name no host or process.
   */
  instance: z.string().optional(),
  checkedAt: z.iso.datetime(),
  dependencies: z.object({
    database: z.enum(['up', 'down']),
    redis: z.enum(['up', 'down', 'unused']),
    /**
     * `full`: a write failed for want of space (until a write probe succeeds again), or the data
     * directory has less free space than DMC_MIN_FREE_BYTES; requests that write get 503.
     */
    storage: z.enum(['ok', 'full']),
  }),
  /** Why the status is not `ok`, in words, when it is not. */
  reasons: z.array(z.string()).optional(),
});
export type ServiceStatus = z.infer<typeof serviceStatusSchema>;
