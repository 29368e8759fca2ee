// The Express routes' body readers: raw bytes for DR uploads, JSON for the console API. Both read with
// a bound and answer a larger body 413 while discarding its rest up to a bound (protocol §12,
// request-body.ts), which body-parser did not: it read every byte of an oversized body first. JSON
// bodies are held to the depth of protocol §12 before they are parsed, as DM packages and DR uploads
// are: a body that nests deeper is answered 413, and no schema or handler sees it.
import type { Request, RequestHandler } from 'express';
import { PayloadTooLargeError } from '../domain/errors';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../protocol/codec';
import { mediaTypeOf } from './dm/media';
import { answerTooLarge, readBody } from './request-body';

/** The largest JSON body of the console API. */
export const API_BODY_BYTES = 1024 * 1024;

export interface BodyLimits {
  /** The largest body taken. */
  maxBytes: number;
  /** How much of a larger body is read off before the connection closes. */
  maxDiscardBytes: number;
  /** Told of a body refused as too large (after its 413 went out). */
  onTooLarge?: (req: Request) => void;
}

const httpError = (status: number, message: string) => Object.assign(new Error(message), { status });

/** Whether the request carries a body at all (a length, or chunks). */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || req.headers['content-length'] !== undefined;
}

/** The bytes as sent: a content coding (gzip, …) is refused, never inflated. */
function refuseContentCoding(req: Request): void {
  const coding = req.headers['content-encoding']?.trim().toLowerCase();
  if (coding !== undefined && coding !== '' && coding !== 'identity')
    throw httpError(415, 'Content-Encoding is not supported.');
}

/** Reads the body into req.body (a Buffer) or answers 413; then runs `then` on it. */
function bounded(limits: BodyLimits, then?: (req: Request, bytes: Buffer) => unknown): RequestHandler {
  return (req, res, next) => {
    const read = async () => {
      refuseContentCoding(req);
      const bytes = await readBody(req, limits.maxBytes);
      if (bytes === undefined) {
        const requestId = typeof res.locals.requestId === 'string' ? res.locals.requestId : undefined;
        answerTooLarge(req, res, { maxDiscardBytes: limits.maxDiscardBytes, requestId });
        limits.onTooLarge?.(req);
        return;
      }
      req.body = then ? then(req, bytes) : bytes;
      next();
    };
    read().catch(next);
  };
}

/** Every request's body as raw bytes in req.body (an empty Buffer when there is none). */
export function rawBody(limits: BodyLimits): RequestHandler {
  return bounded(limits);
}

/** UTF-8 bytes of a body sent in `charset`; the depth scan and the parser read UTF-8. */
function utf8Of(body: Buffer, charset: string | undefined): Buffer {
  const name = charset?.toLowerCase() ?? 'utf-8';
  if (name === 'utf-8' || name === 'utf8') return body;
  try {
    return Buffer.from(new TextDecoder(name).decode(body), 'utf8');
  } catch {
    throw httpError(415, `unsupported charset "${name}"`);
  }
}

function charsetOf(req: Request): string | undefined {
  return /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1];
}

function parseJson(req: Request, bytes: Buffer): unknown {
  if (bytes.length === 0) return {};
  const text = utf8Of(bytes, charsetOf(req));
  if (nestsDeeperThan(text)) {
    throw new PayloadTooLargeError(`The body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  const source = text.toString('utf8');
  // Objects and arrays only, as body-parser's strict mode.
  if (!/^[\s\uFEFF]*[[{]/.test(source)) throw httpError(400, 'The body is not a JSON object or array.');
  try {
    return JSON.parse(source) as unknown;
  } catch {
    throw httpError(400, 'The body is not valid JSON.');
  }
}

/** application/json bodies parsed into req.body; other requests pass untouched (their handler reads them). */
export function jsonBody(limits: BodyLimits): RequestHandler {
  const read = bounded(limits, parseJson);
  return (req, res, next) => {
    if (!hasBody(req) || mediaTypeOf(req.headers['content-type']) !== 'application/json') {
      next();
      return;
    }
    read(req, res, next);
  };
}
