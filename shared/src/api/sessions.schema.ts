import { z } from 'zod';

/** How a DM session stands or ended (protocol §3). */
export const SESSION_STATUSES = ['open', 'completed', 'abandoned', 'superseded', 'aborted'] as const;
export const sessionStatusSchema = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** One DM session of a device, for its timeline. */
export const sessionSummarySchema = z.object({
  id: z.string(),
  status: sessionStatusSchema,
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  /** P2 packages the server sent so far; known while the session is open. */
  packages: z.number().int().nonnegative().optional(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** GET /api/v1/devices/:devId/sessions response, newest first. */
export const sessionListSchema = z.object({ items: z.array(sessionSummarySchema) });
export type SessionList = z.infer<typeof sessionListSchema>;

/** GET /api/v1/devices/:devId/sessions query string. */
export const listSessionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListSessionsQuery = z.infer<typeof listSessionsQuerySchema>;
