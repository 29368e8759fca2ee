import type { DmCommand } from '@dmc/shared/protocol';

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

export type DmReply =
  | { status: 200; commands: DmCommand[] }
  | { status: 400 | 401 | 403 | 404 | 503; code: string; message: string; challenges?: string[] };

export function refusal(
  status: 400 | 401 | 403 | 404 | 503,
  code: string,
  message: string,
  challenges?: string[],
): DmReply {
  return { status, code, message, ...(challenges ? { challenges } : {}) };
}
