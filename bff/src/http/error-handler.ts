// Domain errors and DM refusals become HTTP here and nowhere else: the console's API and the DM
// endpoint share this mapper. Internals are logged, never sent.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorCode } from '@dmc/shared/api';
import { DomainError, TooManyRequestsError } from '../domain/errors';
import type { DmRefusal, DmRefusalReason } from '../protocol/session/refusal';
import { StoreFullError, StoreUnavailableError } from '../persistence/ports';
import { sendProblem, type Problem } from './problem';
import { DEFAULT_MAX_DISCARD_BYTES, answerTooLarge } from './request-body';

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
}

function httpStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, statusCode } = err as HttpError;
  const value = status ?? statusCode;
  return typeof value === 'number' && value >= 400 && value < 600 ? value : undefined;
}

/** The HTTP status of each error code of the API contract. */
const STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_ACCEPTABLE: 406,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** How each reason to refuse a DM package is said in HTTP (protocol §2, §7). */
const CODE_OF_REFUSAL: Readonly<Record<DmRefusalReason, ErrorCode>> = {
  malformed: 'BAD_REQUEST',
  unauthenticated: 'UNAUTHENTICATED',
  'wrong-device': 'FORBIDDEN',
  'unknown-address': 'NOT_FOUND',
  throttled: 'TOO_MANY_REQUESTS',
};

/** The answer to a refused DM package; challenges go in WWW-Authenticate. */
export function refusalProblem(refusal: DmRefusal): Problem {
  const code = CODE_OF_REFUSAL[refusal.reason];
  const { message, details, challenges, retryAfterS } = refusal;
  return {
    status: STATUS_OF_CODE[code],
    code,
    message,
    details,
    ...(challenges ? { headers: { 'WWW-Authenticate': challenges } } : {}),
    ...(retryAfterS === undefined ? {} : { headers: { 'Retry-After': String(retryAfterS) } }),
  };
}

/** Seconds a client should wait before retrying a 503. */
const RETRY_AFTER_S = 5;
const UNAVAILABLE_LOG_EVERY_MS = 10_000;

/** Maps any thrown value to the answer; logs what the client must not see. */
export type ErrorMapper = (err: unknown, requestId: string | undefined) => Problem;

/** A write failed for want of space: the database's (SQLITE_FULL, disk_full) or a file's (ENOSPC). */
function isStorageFull(err: unknown): boolean {
  return err instanceof StoreFullError || (err as { code?: unknown } | null)?.code === 'ENOSPC';
}

export function createErrorMapper(log: Logger, options: { onStorageFull?: () => void } = {}): ErrorMapper {
  let lastUnavailableLog = 0;
  let lastFullLog = 0;
  return (err, requestId) => {
    // The disk is full: nothing was stored, so the client may retry later; /readyz fails meanwhile.
    if (isStorageFull(err)) {
      options.onStorageFull?.();
      if (Date.now() - lastFullLog > UNAVAILABLE_LOG_EVERY_MS) {
        lastFullLog = Date.now();
        log.error({ requestId, err }, 'storage full: answering 503');
      }
      return {
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'The server cannot store anything now (its storage is full); retry later.',
        headers: { 'Retry-After': String(RETRY_AFTER_S) },
      };
    }
    if (err instanceof DomainError) {
      const status = STATUS_OF_CODE[err.code];
      const retry =
        err instanceof TooManyRequestsError ? { headers: { 'Retry-After': String(err.retryAfterS) } } : {};
      return { status, code: err.code, message: err.message, details: err.details, ...retry };
    }
    // The database is away: the request decided nothing, so devices and consoles retry later (#7).
    if (err instanceof StoreUnavailableError) {
      // One line per outage burst, not one per refused device.
      if (Date.now() - lastUnavailableLog > UNAVAILABLE_LOG_EVERY_MS) {
        lastUnavailableLog = Date.now();
        log.warn({ requestId, reason: err.message }, 'database unavailable: answering 503');
      }
      return {
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'The service is briefly unavailable; retry later.',
        headers: { 'Retry-After': String(RETRY_AFTER_S) },
      };
    }
    // body-parser and friends throw errors that carry an HTTP status.
    const status = httpStatusOf(err);
    if (status === 413)
      return { status, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' };
    if (status === 415)
      return { status, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported Content-Type.' };
    if (status !== undefined && status < 500) {
      return { status, code: 'BAD_REQUEST', message: 'The request body could not be read.' };
    }
    log.error({ err, requestId }, 'unhandled error');
    return { status: 500, code: 'INTERNAL', message: 'Something went wrong on the server.' };
  };
}

export function createErrorHandler(
  mapError: ErrorMapper,
  options: { maxDiscardBytes: number } = { maxDiscardBytes: DEFAULT_MAX_DISCARD_BYTES },
): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const requestId = typeof res.locals.requestId === 'string' ? res.locals.requestId : undefined;
    const problem = mapError(err, requestId);
    // A body refused as too large while the client still sends it (an artifact upload): the 413 goes
    // out at once and the rest is discarded up to a bound (protocol §12).
    if (problem.status === 413 && !req.complete) {
      answerTooLarge(req, res, { maxDiscardBytes: options.maxDiscardBytes, requestId, problem });
      return;
    }
    for (const [name, value] of Object.entries(problem.headers ?? {})) res.setHeader(name, value);
    sendProblem(res, problem.status, problem.code, problem.message, problem.details);
  };
}
