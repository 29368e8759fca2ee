// Why the server refuses a DM package (protocol §2, §4, §7). A refused package gets no P2 and the
// device aborts its session; how a reason is said on the wire is the transport's business
// (http/error-handler.ts), so nothing here names an HTTP status.

export const DM_REFUSAL_REASONS = [
  /** The package or its headers cannot be understood, or do not fit the session (protocol §2, §4). */
  'malformed',
  /** The device did not prove who it is; `challenges` say how it may (protocol §7). */
  'unauthenticated',
  /** The address belongs to another device. */
  'wrong-device',
  /** No open session or job has this address (any more). */
  'unknown-address',
  /** Too many wrong credentials for this DevID lately; try again after `retryAfterS` (protocol §7). */
  'throttled',
] as const;
export type DmRefusalReason = (typeof DM_REFUSAL_REASONS)[number];

export interface DmRefusal {
  reason: DmRefusalReason;
  message: string;
  /** What exactly did not decode (zod issues), for the device's log. */
  details?: unknown;
  /** Authentication challenges the device may answer (protocol §7). */
  challenges?: string[];
  /** Seconds until the device may try again (a `throttled` refusal). */
  retryAfterS?: number;
  /**
   * A routine step, not a fault: the challenge to a request sent without credentials, or to an
   * answer to an expired nonce. Not recorded as a refused contact.
   */
  routine?: true;
  /** Why, for the operator's record of refused contacts only (never sent, never a secret). */
  note?: string;
}

export function dmRefusal(reason: DmRefusalReason, message: string, details?: unknown): DmRefusal {
  return { reason, message, ...(details === undefined ? {} : { details }) };
}
