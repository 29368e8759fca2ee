/** Error codes the console itself raises when no API error body is available. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR',
  badResponse: 'BAD_RESPONSE',
} as const;

/** An API failure as the console shows it: the stable code, the HTTP status and a readable message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  readonly status: number;
  readonly requestId: string | undefined;
  /** The problem body's `details` (e.g. `{ issues: [{ path, message }] }` of VALIDATION_FAILED). */
  readonly details: unknown;

  constructor(code: string, status: number, message: string, requestId?: string, details?: unknown) {
    super(message);
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.details = details;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
