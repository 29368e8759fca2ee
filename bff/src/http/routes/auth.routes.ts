import { Router } from 'express';
import { apiRoutes, loginInputSchema, SESSION_COOKIE, type LoginResponse } from '@dmc/shared/api';
import type { AuthService } from '../../domain/auth/auth.service';
import { SESSION_TTL_MS } from '../../domain/auth/auth.service';
import { tokenFromHeaders } from '../../domain/auth/credentials';
import { authenticate, currentUser } from '../authn';
import { parseInput } from '../validate';

export function authRoutes(auth: AuthService, options: { secureCookie: boolean }): Router {
  const router = Router();

  router.post(apiRoutes.login, async (req, res) => {
    const input = parseInput(loginInputSchema, req.body, 'login');
    const result: LoginResponse = await auth.login(input.username, input.password);
    res.cookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secureCookie,
      maxAge: SESSION_TTL_MS,
      path: '/',
    });
    res.json(result);
  });

  router.post(apiRoutes.logout, async (req, res) => {
    const token = tokenFromHeaders(req.headers);
    if (token) await auth.logout(token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get(apiRoutes.me, authenticate(auth), (_req, res) => {
    res.json(currentUser(res));
  });

  return router;
}
