// Domain errors become HTTP here and nowhere else. Internals are logged, never sent.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { DomainError } from '../domain/errors';
import { StoreUnavailableError } from '../persistence/ports';
import { sendProblem, type Problem } from './problem';

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

/** Seconds a client should wait before retrying a 503. */
const RETRY_AFTER_S = 5;
const UNAVAILABLE_LOG_EVERY_MS = 10_000;

/** Maps any thrown value to the answer; logs what the client must not see. */
export type ErrorMapper = (err: unknown, requestId: string | undefined) => Problem;

export function createErrorMapper(log: Logger): ErrorMapper {
  let lastUnavailableLog = 0;
  return (err, requestId) => {
    if (err instanceof DomainError) {
      return { status: err.status, code: err.code, message: err.message, details: err.details };
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

export function createErrorHandler(mapError: ErrorMapper): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const requestId = typeof res.locals.requestId === 'string' ? res.locals.requestId : undefined;
    const problem = mapError(err, requestId);
    for (const [name, value] of Object.entries(problem.headers ?? {})) res.setHeader(name, value);
    sendProblem(res, problem.status, problem.code, problem.message, problem.details);
  };
}
