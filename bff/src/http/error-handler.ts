// Domain errors become HTTP here and nowhere else. Internals are logged, never sent.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { DomainError } from '../domain/errors';
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

export function createErrorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof DomainError) {
      sendProblem(res, err.status, err.code, err.message, err.details);
      return;
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
