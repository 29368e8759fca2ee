import { z } from 'zod';

/**
 * One entry of the audit log (profile §10): who did what to which target, and how it ended. `hash`
 * is the SHA-256 of the entry's fields and `prevHash`, the previous entry's hash, so an edit or a
 * deletion in storage breaks the chain. Identifiers only: never a password, token or device secret.
 */
export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  /** The username (or the username given at a failed sign-in); empty when nobody signed in. */
  actor: z.string(),
  /** The actor's role when signed in, else empty. */
  role: z.string(),
  /** The operation id of the API operation, e.g. `queueCommand`, `login`. */
  action: z.string(),
  /** What it acted on: the path parameters (`devId`, command id, …) or the created resource's id. */
  target: z.string(),
  /** `ok`, or the error code it was refused with (`FORBIDDEN`, `CONFLICT`, …). */
  outcome: z.string(),
  /** The client's address as the server saw it. */
  client: z.string(),
  requestId: z.string(),
  hash: z.string(),
  prevHash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Filters of the audit list and its CSV export. */
export const auditFilterQuerySchema = z.object({
  actor: z.string().max(128).optional(),
  action: z.string().max(128).optional(),
  target: z.string().max(512).optional(),
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
});
export type AuditFilterQuery = z.infer<typeof auditFilterQuerySchema>;

/** GET /api/v1/audit query string: newest first. */
export const listAuditQuerySchema = auditFilterQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(512).optional(),
});
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** GET /api/v1/audit/verify: whether every stored entry matches its hash and its predecessor. */
export const auditVerifyResultSchema = z.object({
  ok: z.boolean(),
  /** Entries read. */
  checked: z.number().int().nonnegative(),
  /** The first entry whose hash, predecessor or sequence number does not match. */
  firstBadSeq: z.number().int().positive().optional(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResultSchema>;
