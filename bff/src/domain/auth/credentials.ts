// The credential a console client presents: a bearer token (scripts) or the httpOnly session cookie
// (the console). HTTP requests and socket.io handshakes carry it in the same headers.
import { SESSION_COOKIE } from '@dmc/shared/api';

/** The request headers a credential can travel in (node's IncomingHttpHeaders fits). */
export interface CredentialHeaders {
  authorization?: string | undefined;
  cookie?: string | undefined;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The token of a request: bearer token first, then the session cookie. */
export function tokenFromHeaders(headers: CredentialHeaders): string | undefined {
  const header = headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return readCookie(headers.cookie, SESSION_COOKIE);
}
