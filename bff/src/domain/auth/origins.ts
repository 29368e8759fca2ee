// Where a console request comes from (profile §10): the origins that count as the console's own, and
// whether a request reached us over TLS. Shared by the HTTP CSRF check, the security headers and the
// socket.io handshake, so both transports judge origins alike.
import { SESSION_COOKIE } from '@dmc/shared/api';
import { readCookie, type CredentialHeaders } from './credentials';

/** The origin of a URL, or undefined for anything unparsable or opaque (`null`). */
export function originOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const { origin } = new URL(value);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** The origins a request may come from: its own (scheme + Host) and DMC_PUBLIC_URL's. */
export function ownOrigins(
  host: string | undefined,
  scheme: 'http' | 'https',
  publicOrigin: string | undefined,
): ReadonlySet<string> {
  const own = new Set<string>();
  if (publicOrigin) own.add(publicOrigin);
  const mine = host ? originOf(`${scheme}://${host}`) : undefined;
  if (mine) own.add(mine);
  return own;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/**
 * The scheme the client used: https on our own TLS socket, or when a reverse proxy on loopback (the
 * same trust as Express's `trust proxy: loopback`) says so in X-Forwarded-Proto.
 */
export function requestScheme(
  forwardedProto: string | string[] | undefined,
  socket: { encrypted?: boolean; remoteAddress?: string | undefined },
): 'http' | 'https' {
  if (socket.encrypted === true) return 'https';
  const first = (Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto)?.split(',')[0]?.trim();
  return first === 'https' && isLoopback(socket.remoteAddress) ? 'https' : 'http';
}

/** A request is cookie-authenticated when it sends the session cookie and no bearer token. */
export function isCookieAuthenticated(headers: CredentialHeaders): boolean {
  if (headers.authorization?.startsWith('Bearer ')) return false;
  return readCookie(headers.cookie, SESSION_COOKIE) !== undefined;
}
