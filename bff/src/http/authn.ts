// Console authentication: a bearer token (scripts) or the httpOnly session cookie (the console).
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { User } from '@dmc/shared/api';
import type { AuthService, Credential } from '../domain/auth/auth.service';
import { tokenFromHeaders } from '../domain/auth/credentials';
import { can, type Action } from '../domain/auth/permissions';
import { AuthenticationError, ForbiddenError } from '../domain/errors';

export function currentUser(res: Response): User {
  const user = res.locals.user as User | undefined;
  if (!user) throw new AuthenticationError('Sign in first.');
  return user;
}

/** The credential (session or API token) the signed-in request came with. */
export function currentCredential(res: Response): Credential {
  const credential = res.locals.credential as Credential | undefined;
  if (!credential) throw new AuthenticationError('Sign in first.');
  return credential;
}

export function authenticate(auth: AuthService): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = tokenFromHeaders(req.headers);
    if (!token) throw new AuthenticationError('Sign in first.');
    const credential = await auth.identify(token);
    res.locals.user = credential.user;
    res.locals.credential = credential;
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
