import { z } from 'zod';

/**
 * What this backend can do right now (GET /api/v1/status, and /readyz's body). `database: down`:
 * nothing can be read or changed (requests get 503 SERVICE_UNAVAILABLE; retry later). `redis:
 * down`: changes made on other instances are not pushed live (refetch). `unused`: one instance,
 * no Redis configured. `stopping`: this instance is shutting down.
 */
export const serviceStatusSchema = z.object({
  status: z.enum(['ok', 'degraded', 'stopping']),
  version: z.string(),
  /** The instance that answered (DMC_INSTANCE_ID). */
  instance: z.string(),
  checkedAt: z.iso.datetime(),
  dependencies: z.object({
    database: z.enum(['up', 'down']),
    redis: z.enum(['up', 'down', 'unused']),
  }),
});
export type ServiceStatus = z.infer<typeof serviceStatusSchema>;
