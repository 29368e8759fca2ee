// The one error model of the BFF: services throw these. They say what went wrong, not how a transport
// says it: http/error-handler.ts maps each code to an HTTP status, in one place.
import type { ErrorCode } from '@dmc/shared/api';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class InputError extends DomainError {
  override readonly name = 'InputError';
  readonly code = 'VALIDATION_FAILED';
}

export class AuthenticationError extends DomainError {
  override readonly name = 'AuthenticationError';
  readonly code = 'UNAUTHENTICATED';
}

export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  readonly code = 'CONFLICT';
}

export class PayloadTooLargeError extends DomainError {
  override readonly name = 'PayloadTooLargeError';
  readonly code = 'PAYLOAD_TOO_LARGE';
}

/** Too many failed attempts (protocol §7, §10): refused until `retryAfterS` seconds have passed. */
export class TooManyRequestsError extends DomainError {
  override readonly name = 'TooManyRequestsError';
  readonly code = 'TOO_MANY_REQUESTS';
  constructor(
    message: string,
    readonly retryAfterS: number,
  ) {
    super(message);
  }
}

export class UnavailableError extends DomainError {
  override readonly name = 'UnavailableError';
  readonly code = 'SERVICE_UNAVAILABLE';
}
