import { DEVID_HEADER, MEDIA_TYPES } from '@dmc/shared/protocol';
import type { HttpAuthenticator } from './http-auth';

const TIMEOUT_MS = 30_000;

/** fetch with a timeout, so a silent peer never hangs a session. */
export function httpFetch(url: string, init: RequestInit = {}, timeoutMs = TIMEOUT_MS): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

export interface PackageReply {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * POSTs one DM package (P1 or P3) with OMADM-DevID, answering at most one 401 challenge
 * (protocol §7). Throws only on network failure.
 */
export async function postPackage(
  url: string,
  contentType: string,
  body: unknown,
  devId: string,
  auth: HttpAuthenticator,
): Promise<PackageReply> {
  const payload = JSON.stringify(body);
  let answered = false;
  for (;;) {
    const authorization = auth.authorization('POST', url);
    const response = await httpFetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': contentType,
        Accept: MEDIA_TYPES.request,
        [DEVID_HEADER]: devId,
        ...(authorization === undefined ? {} : { Authorization: authorization }),
      },
      body: payload,
    });
    const text = await response.text();
    if (response.status === 401 && !answered && auth.accept(response.headers.get('www-authenticate'))) {
      answered = true;
      continue;
    }
    return { status: response.status, headers: response.headers, text };
  }
}
