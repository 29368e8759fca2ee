import { z } from 'zod';

/** How a DM session stands or ended (protocol §3). */
export const SESSION_STATUSES = ['open', 'completed', 'abandoned', 'superseded', 'aborted'] as const;
export const sessionStatusSchema = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** A session in a device's list: a DM session, or a refused contact (profile §13). */
export const SESSION_LIST_STATUSES = [...SESSION_STATUSES, 'refused'] as const;
export const sessionListStatusSchema = z.enum(SESSION_LIST_STATUSES);
export type SessionListStatus = z.infer<typeof sessionListStatusSchema>;

/** One DM session of a device, for its timeline and session list. */
export const sessionSummarySchema = z.object({
  id: z.string(),
  status: sessionListStatusSchema,
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  /** P2 packages the server sent so far; known while the session is open. */
  packages: z.number().int().nonnegative().optional(),
  /** From start to end (or to the last package while open), in milliseconds. */
  durationMs: z.number().int().nonnegative().optional(),
  /** Packages the session inspector keeps for it. */
  packageCount: z.number().int().nonnegative().optional(),
  /** Commands the server sent in it (CONT and END aside). */
  commandCount: z.number().int().nonnegative().optional(),
  /** Why a contact was refused (status `refused`): the HTTP status, code and reason in words. */
  reason: z.string().optional(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** GET /api/v1/devices/:devId/sessions response, newest first. */
export const sessionListSchema = z.object({
  items: z.array(sessionSummarySchema),
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor: z.string().optional(),
});
export type SessionList = z.infer<typeof sessionListSchema>;

/** GET /api/v1/devices/:devId/sessions query string. */
export const listSessionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type ListSessionsQuery = z.infer<typeof listSessionsQuerySchema>;
