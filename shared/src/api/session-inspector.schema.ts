import { z } from 'zod';
import { SESSION_PACKAGE_KINDS } from '../protocol/explain-package';
import { sessionListStatusSchema } from './sessions.schema';

/** The marker that stands for a credential, secret or capability token in a stored package. */
export const REDACTED = '<redacted>';

export const sessionPackageKindSchema = z.enum(SESSION_PACKAGE_KINDS);

/** One plain-language line about a package (profile §13). */
export const explainedLineSchema = z.object({ at: z.iso.datetime(), text: z.string() });
export type ExplainedLineRecord = z.infer<typeof explainedLineSchema>;

/**
 * One package of a DM session, in the order exchanged: the P0 that woke the device, the P1, each P2
 * and P3, and the requests to the Data Repository (DR) and to device pages (UI) its commands caused.
 */
export const sessionPackageSchema = z.object({
  seq: z.number().int().min(1),
  kind: sessionPackageKindSchema,
  at: z.iso.datetime(),
  /** The HTTP status of the exchange; null when none is known (a P0 still in flight). */
  status: z.number().int().nullable(),
  /** How long the server took to handle it, in milliseconds. */
  durationMs: z.number().int().nonnegative(),
  /** The command a DR or UI request belongs to. */
  commandId: z.string().nullable(),
  /** The package as exchanged, credentials, secrets and capability tokens replaced by "<redacted>". */
  body: z.unknown(),
  /** The body was over the stored size; only its size is kept. */
  truncated: z.boolean(),
  explained: z.array(explainedLineSchema),
});
export type SessionPackage = z.infer<typeof sessionPackageSchema>;

/** GET /api/v1/devices/:devId/sessions/:sessionId response. */
export const inspectedSessionSchema = z.object({
  id: z.string(),
  devId: z.string(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable().optional(),
  state: sessionListStatusSchema,
  /** Why a contact was refused (state `refused`). */
  reason: z.string().optional(),
  packages: z.array(sessionPackageSchema),
});
export type InspectedSession = z.infer<typeof inspectedSessionSchema>;
