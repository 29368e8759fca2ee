// States of a DM session as the pure machine sees them. Stored as JSON in the session row, so any
// instance can take any P3 (protocol §3).
import { z } from 'zod';
import { SESSION_END_REASONS } from '@dmc/shared/events';

export const sessionEndReasonSchema = z.enum(SESSION_END_REASONS);
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;

/** A command of the last P2 that awaits its status, with what it was sent for. */
export const inFlightSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cont'), wire: z.array(z.string()) }),
  z.object({ kind: z.literal('inventory'), moid: z.string(), miid: z.string(), wire: z.array(z.string()) }),
  z.object({ kind: z.literal('queued'), commandId: z.string(), wire: z.array(z.string()) }),
]);
export type InFlight = z.infer<typeof inFlightSchema>;

export const sessionStateSchema = z.discriminatedUnion('kind', [
  /** Before the first P2: only P1 has arrived. */
  z.object({ kind: z.literal('new') }),
  /** A P2 was sent; its statuses are expected in the next P3. */
  z.object({
    kind: z.literal('awaiting-status'),
    inFlight: z.array(inFlightSchema),
    packages: z.number().int(),
  }),
  z.object({ kind: z.literal('closed'), reason: sessionEndReasonSchema }),
]);
export type SessionState = z.infer<typeof sessionStateSchema>;

export const NEW_SESSION: SessionState = { kind: 'new' };
