// Domain errors become HTTP here and nowhere else. Internals are logged, never sent.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { DomainError } from '../domain/errors';
import { StoreUnavailableError } from '../persistence/ports';
import { sendProblem } from './problem';

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

export function createErrorHandler(log: Logger): ErrorRequestHandler {
  let lastUnavailableLog = 0;
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof DomainError) {
      sendProblem(res, err.status, err.code, err.message, err.details);
      return;
    }
    // The database is away: the request decided nothing, so devices and consoles retry later (#7).
    if (err instanceof StoreUnavailableError) {
      // One line per outage burst, not one per refused device.
      if (Date.now() - lastUnavailableLog > UNAVAILABLE_LOG_EVERY_MS) {
        lastUnavailableLog = Date.now();
        log.warn(
          { requestId: res.locals.requestId, reason: err.message },
          'database unavailable: answering 503',
        );
      }
      res.setHeader('Retry-After', String(RETRY_AFTER_S));
      return sendProblem(res, 503, 'SERVICE_UNAVAILABLE', 'The service is briefly unavailable; retry later.');
    }
    // body-parser and friends throw errors that carry an HTTP status.
    const status = httpStatusOf(err);
    if (status === 413) return sendProblem(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
    if (status === 415) return sendProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Content-Type.');
    if (status !== undefined && status < 500) {
      return sendProblem(res, status, 'BAD_REQUEST', 'The request body could not be read.');
    }
    log.error({ err, requestId: res.locals.requestId }, 'unhandled error');
    sendProblem(res, 500, 'INTERNAL', 'Something went wrong on the server.');
  };
}
