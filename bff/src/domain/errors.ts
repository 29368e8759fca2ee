// The one error model of the BFF: services throw these; http/error-handler.ts maps them to HTTP once.
import type { ErrorCode } from '@dmc/shared/api';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly status: number;
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
  readonly status = 400;
}

export class AuthenticationError extends DomainError {
  override readonly name = 'AuthenticationError';
  readonly code = 'UNAUTHENTICATED';
  readonly status = 401;
}

export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  readonly code = 'FORBIDDEN';
  readonly status = 403;
}

export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
  readonly status = 404;
}

export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  readonly code = 'CONFLICT';
  readonly status = 409;
}

export class PayloadTooLargeError extends DomainError {
  override readonly name = 'PayloadTooLargeError';
  readonly code = 'PAYLOAD_TOO_LARGE';
  readonly status = 413;
}

export class UnavailableError extends DomainError {
  override readonly name = 'UnavailableError';
  readonly code = 'SERVICE_UNAVAILABLE';
  readonly status = 503;
}
