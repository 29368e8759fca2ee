import type { Response } from 'express';
import type { ErrorResponse } from '@dmc/shared/api';

/** Writes the profile's error body: { error: { code, message, details? }, requestId }. */
export function sendProblem(
  res: Response,
  status: number,
  code: string,
  message: string,
  details?: unknown,
): void {
  const body: ErrorResponse = {
    error: { code, message, ...(details === undefined ? {} : { details }) },
    ...(typeof res.locals.requestId === 'string' ? { requestId: res.locals.requestId } : {}),
  };
  res.status(status).json(body);
}
