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

export type DmReply = { status: 200; commands: DmCommand[] } | DmRefusal;

export type DmRefusal = {
  status: 400 | 401 | 403 | 404 | 503;
  code: string;
  message: string;
  details?: unknown;
  challenges?: string[];
};

export function refusal(
  status: 400 | 401 | 403 | 404 | 503,
  code: string,
  message: string,
  details?: unknown,
): DmRefusal {
  return { status, code, message, ...(details === undefined ? {} : { details }) };
}
