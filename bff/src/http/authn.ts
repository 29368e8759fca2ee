// Console authentication: a bearer token (scripts) or the httpOnly session cookie (the console).
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { SESSION_COOKIE, type User } from '@dmc/shared/api';
import type { AuthService } from '../domain/auth/auth.service';
import { can, type Action } from '../domain/auth/permissions';
import { AuthenticationError, ForbiddenError } from '../domain/errors';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The credential of a request: bearer token first, then the session cookie. */
export function requestToken(req: Pick<Request, 'headers'>): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return readCookie(req.headers.cookie, SESSION_COOKIE);
}

export function currentUser(res: Response): User {
  const user = res.locals.user as User | undefined;
  if (!user) throw new AuthenticationError('Sign in first.');
  return user;
}

export function authenticate(auth: AuthService): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = requestToken(req);
    if (!token) throw new AuthenticationError('Sign in first.');
    res.locals.user = await auth.authenticate(token);
    res.locals.token = token;
    next();
  };
}

/** Guards a route with an action of the permission table. */
export function allow(action: Action): RequestHandler {
  return (_req, res, next) => {
    const user = currentUser(res);
    if (!can(user.role, action)) {
      throw new ForbiddenError(`The ${user.role} role may not do this (${action}).`);
    }
    next();
  };
}
