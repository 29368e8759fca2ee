// After an EXEC ends `ok`, the server reads the EXEC's MO instance again in the same session, so the
// stored tree shows what the operation changed (DCMO Enabled, FUMO State, SCOMO inventory) without a
// manual read (protocol §8, "Reading back after an EXEC"). The read is a server-made GET command whose
// id is derived from the EXEC's: it is queued once, however often the outcome is delivered.
import { createHash } from 'node:crypto';
import { formatClientUri, parseClientUri } from '@dmc/shared/protocol';
import type { SessionEffect } from './effects';

export interface Reread {
  /** The GET command's id, derived from the EXEC's. */
  id: string;
  wire: string[];
}

/** The GET command id that re-reads after the EXEC `execId`; the same for every call. */
export function rereadCommandId(execId: string): string {
  const hex = createHash('sha256').update(`reread\u0000${execId}`).digest('hex');
  // Version 8 (custom) and the RFC 9562 variant, so the id reads as a UUID.
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/**
 * The MO instance root an EXEC's ClientURI lies in (`<moid>/<miid>/`), when it names one instance
 * (by MIID, or the only one); undefined for `*`, `(x)` or a ClientURI that does not parse.
 */
export function rereadTarget(execWire: readonly string[]): string | undefined {
  if (execWire[0] !== 'EXEC' || execWire[1] === undefined) return undefined;
  const parsed = parseClientUri(execWire[1]);
  if (!parsed.ok) return undefined;
  const { moid, instance } = parsed.value;
  if (instance.kind !== 'miid' && instance.kind !== 'only') return undefined;
  return formatClientUri({ moid, instance, path: [], nv: [] });
}

/** The read to send after the EXEC `execId` ended ok, if its ClientURI names one instance. */
export function rereadAfter(execId: string, execWire: readonly string[]): Reread | undefined {
  const target = rereadTarget(execWire);
  return target === undefined ? undefined : { id: rereadCommandId(execId), wire: ['GET', target] };
}

/** The effects that queue the reads; each goes out in the next package like any queued command. */
export function queueRereads(execs: readonly { execId: string; read: Reread }[]): SessionEffect[] {
  return execs.map(({ execId, read }) => ({
    kind: 'queue-read',
    commandId: read.id,
    causedBy: execId,
    wire: read.wire,
  }));
}
