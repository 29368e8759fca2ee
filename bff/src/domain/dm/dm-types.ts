import type { P2 } from '@dmc/shared/protocol';
import type { DmRefusal } from '../../protocol/session/refusal';

/** A DM package as the transport hands it over: headers already checked, body parsed as JSON. */
export interface DmRequest {
  /** The OMADM-DevID header. */
  devId: string | undefined;
  authorization: string | undefined;
  method: string;
  /** The request target as sent (for Digest). */
  uri: string;
  body: unknown;
}

/** The answer to a DM package: a P2 (encoded by the codec), or a refusal the transport words. */
export type DmReply = { kind: 'package'; p2: P2 } | { kind: 'refused'; refusal: DmRefusal };

export function refused(refusal: DmRefusal): DmReply {
  return { kind: 'refused', refusal };
}
