// The console API's JSON bodies are held to the depth of protocol §12 before they are parsed, as DM
// packages and DR uploads are: a body that nests deeper is answered 413, and no schema or handler sees it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PayloadTooLargeError } from '../domain/errors';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../protocol/codec';

/** UTF-8 bytes of a body in `charset`; the depth scan reads UTF-8. */
function utf8Of(body: Buffer, charset: string | null): Buffer {
  const name = charset?.toLowerCase() ?? 'utf-8';
  if (name === 'utf-8' || name === 'utf8') return body;
  try {
    return Buffer.from(new TextDecoder(name).decode(body), 'utf8');
  } catch {
    throw Object.assign(new Error(`unsupported charset "${name}"`), { status: 415 });
  }
}

/** express.json's `verify`: refuses a body nested deeper than MAX_JSON_DEPTH with 413. */
export function refuseDeepJson(
  _req: IncomingMessage,
  _res: ServerResponse,
  body: Buffer,
  charset: string | null,
): void {
  if (nestsDeeperThan(utf8Of(body, charset))) {
    throw new PayloadTooLargeError(`The body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`);
  }
}
