// Cross-site request forgery (profile §10): a state-changing request that the session cookie
// authenticates must come from the console's own origin. Bearer-token requests carry no ambient
// credential and are exempt.
import type { Request, RequestHandler } from 'express';
import { isCookieAuthenticated, originOf, ownOrigins } from '../domain/auth/origins';
import { ForbiddenError } from '../domain/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where a request says it comes from: Origin, else the origin of Referer; `null` names nowhere. */
function claimedOrigin(req: Request): string | undefined {
  const { origin, referer } = req.headers;
  if (origin !== undefined) return originOf(origin);
  return originOf(referer);
}

/**
 * Refuses (403 FORBIDDEN) a POST/PUT/PATCH/DELETE that carries the session cookie and no bearer token
 * unless its Origin (or, without Origin, its Referer) is the console's own; with neither it is refused.
 * `bodyAuthenticated` paths (sign-in) are authenticated by their body, not by a cookie the client
 * may still hold: they are refused only when they name a foreign origin, so a script with a cookie
 * jar can sign in again.
 */
export function requireSameOrigin(options: {
  publicUrl: string;
  bodyAuthenticated?: readonly string[];
}): RequestHandler {
  const publicOrigin = originOf(options.publicUrl);
  const byBody = new Set(options.bodyAuthenticated ?? []);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || !isCookieAuthenticated(req.headers)) {
      next();
      return;
    }
    const claimed = claimedOrigin(req);
    if (claimed === undefined && byBody.has(req.path)) {
      next();
      return;
    }
    const scheme = req.protocol === 'https' ? 'https' : 'http';
    if (claimed === undefined || !ownOrigins(req.headers.host, scheme, publicOrigin).has(claimed)) {
      throw new ForbiddenError(
        'A change sent with the session cookie must come from the console’s own origin (Origin header).',
        { reason: 'cross-origin' },
      );
    }
    next();
  };
}
