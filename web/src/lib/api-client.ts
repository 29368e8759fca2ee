import type { z } from 'zod';
import { errorResponseSchema } from '@dmc/shared/api';
import { ApiError, CLIENT_ERROR_CODES } from './api-error';
import { reportApiUnreachable } from './reachability';

export { ApiError, isApiError } from './api-error';

/** A list value repeats its parameter once per item (`compatibleMod=a&compatibleMod=b`). */
export type QueryParams = Record<string, string | number | readonly string[] | undefined>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Raw bytes sent as they are (e.g. an artifact upload), instead of a JSON `body`. */
  rawBody?: { data: Blob; contentType: string };
  query?: QueryParams;
  signal?: AbortSignal;
};

/** Builds `path?query`, leaving out empty values so URLs stay short and shareable. */
export function withQuery(path: string, query: QueryParams | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'object') for (const item of value) params.append(key, item);
    else if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    // The page's policy is no-referrer, under which a browser sends `Origin: null` on a POST; the
    // server's CSRF check needs the real Origin (profile §10), which same-origin keeps (and no more).
    referrerPolicy: 'same-origin',
    headers: { Accept: 'application/json' },
  };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    init.body = JSON.stringify(options.body);
  } else if (options.rawBody) {
    init.headers = { Accept: 'application/json', 'Content-Type': options.rawBody.contentType };
    init.body = options.rawBody.data;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    reportApiUnreachable(true);
    throw new ApiError(CLIENT_ERROR_CODES.network, 0, 'Cannot reach the server. Check your connection.');
  }
  // Any answer of the server itself means it is there; a gateway's 502/504 means it is not.
  reportApiUnreachable(response.status === 502 || response.status === 504);
  if (!response.ok) throw await toApiError(response);
  return response;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = errorResponseSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(code, response.status, message, parsed.data.requestId, details);
  }
  return new ApiError(`HTTP_${response.status}`, response.status, response.statusText || 'Request failed');
}

/** Calls the console API and parses the JSON answer with `schema`; throws ApiError on any failure. */
export async function apiRequest<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const response = await send(path, options);
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      CLIENT_ERROR_CODES.badResponse,
      response.status,
      'The server sent a response the console does not understand.',
    );
  }
  return parsed.data;
}

/** Calls an operation that answers without a body (204). */
export async function apiRequestVoid(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}
