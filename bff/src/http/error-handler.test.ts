import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  PayloadTooLargeError,
  UnavailableError,
} from '../domain/errors';
import { DM_REFUSAL_REASONS, dmRefusal } from '../protocol/session/refusal';
import { createErrorMapper, refusalProblem } from './error-handler';

const mapError = createErrorMapper(pino({ level: 'silent' }));

describe('the one error mapper', () => {
  it.each([
    [new InputError('bad', { field: 'x' }), 400, 'VALIDATION_FAILED'],
    [new AuthenticationError('who'), 401, 'UNAUTHENTICATED'],
    [new ForbiddenError('no'), 403, 'FORBIDDEN'],
    [new NotFoundError('gone'), 404, 'NOT_FOUND'],
    [new ConflictError('late'), 409, 'CONFLICT'],
    [new PayloadTooLargeError('big'), 413, 'PAYLOAD_TOO_LARGE'],
    [new UnavailableError('away'), 503, 'SERVICE_UNAVAILABLE'],
  ])('answers %s with %i %s', (err, status, code) => {
    expect(mapError(err, 'r1')).toEqual({ status, code, message: err.message, details: err.details });
  });

  it.each([
    ['malformed', 400, 'BAD_REQUEST'],
    ['unauthenticated', 401, 'UNAUTHENTICATED'],
    ['wrong-device', 403, 'FORBIDDEN'],
    ['unknown-address', 404, 'NOT_FOUND'],
  ] as const)('answers a DM package refused as %s with %i %s', (reason, status, code) => {
    expect(refusalProblem(dmRefusal(reason, 'why', ['issue']))).toEqual({
      status,
      code,
      message: 'why',
      details: ['issue'],
    });
  });

  it('has an answer for every refusal reason, and sends challenges in WWW-Authenticate', () => {
    for (const reason of DM_REFUSAL_REASONS)
      expect(refusalProblem(dmRefusal(reason, 'm')).status).toBeGreaterThanOrEqual(400);
    const problem = refusalProblem({
      ...dmRefusal('unauthenticated', 'who'),
      challenges: ['Basic realm="dm"'],
    });
    expect(problem.headers).toEqual({ 'WWW-Authenticate': ['Basic realm="dm"'] });
  });
});
