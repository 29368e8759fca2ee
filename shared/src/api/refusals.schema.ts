import { z } from 'zod';

/**
 * Where a device was refused: its P1 at /dm, a P3 at its session's CONT URL, an EXEC outcome at a job
 * URL, or an upload to a DR inbox.
 */
export const REFUSAL_ENDPOINTS = ['dm', 'dm-session', 'dm-job', 'dr-inbox'] as const;
export const refusalEndpointSchema = z.enum(REFUSAL_ENDPOINTS);
export type RefusalEndpoint = z.infer<typeof refusalEndpointSchema>;

/**
 * One refused contact of a device, for diagnosing a device that is locked out: when, the HTTP
 * status and error code it was answered, and why in plain words. Never a credential or a body.
 */
export const refusalRecordSchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  endpoint: refusalEndpointSchema,
  status: z.number().int().min(400).max(499),
  /** The error code of the answer (UNAUTHENTICATED, PAYLOAD_TOO_LARGE, …). */
  code: z.string(),
  /** Why, in plain words (at most 300 characters). */
  reason: z.string(),
  /** Refusals of this device not recorded one by one since the previous record (rate limit). */
  suppressed: z.number().int().nonnegative(),
});
export type RefusalRecord = z.infer<typeof refusalRecordSchema>;

/** GET /api/v1/devices/:devId/refusals response, newest first (the last 20 are kept). */
export const refusalListSchema = z.object({ items: z.array(refusalRecordSchema) });
export type RefusalList = z.infer<typeof refusalListSchema>;
