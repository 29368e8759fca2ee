import type { ServerResponse } from 'node:http';
import type { Response } from 'express';
import type { ErrorResponse } from '@dmc/shared/api';

/** One HTTP error answer: status, the error code and message of protocol §8.1, and extra headers. */
export interface Problem {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  headers?: Readonly<Record<string, string | readonly string[]>>;
}

/** The profile's error body: { error: { code, message, details? }, requestId }. */
export function problemBody(problem: Problem, requestId: string | undefined): ErrorResponse {
  const { code, message, details } = problem;
  return {
    error: { code, message, ...(details === undefined ? {} : { details }) },
    ...(requestId === undefined ? {} : { requestId }),
  };
}

/** Writes the error body of protocol §8.1 through Express. */
export function sendProblem(
  res: Response,
  status: number,
  code: string,
  message: string,
  details?: unknown,
): void {
  const requestId = typeof res.locals.requestId === 'string' ? res.locals.requestId : undefined;
  res.status(status).json(problemBody({ status, code, message, details }, requestId));
}

/** Writes a problem on a bare node:http response (the DM endpoints run outside Express). */
export function writeProblem(res: ServerResponse, problem: Problem, requestId: string | undefined): void {
  const body = JSON.stringify(problemBody(problem, requestId));
  res.writeHead(problem.status, {
    ...problem.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
