// Console sign-in: login sets the httpOnly session cookie, logout ends the session and clears it.
import { apiRoutes, SESSION_COOKIE } from '@dmc/shared/api';
import { SESSION_TTL_MS } from '../../domain/auth/auth.service';
import { tokenFromHeaders } from '../../domain/auth/credentials';
import { defineOperation, type ApiOperation } from '../operation';

export const authOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'post',
    path: apiRoutes.login,
    operationId: 'login',
    summary: 'Sign in; returns a bearer token and sets the session cookie',
    tag: 'auth',
    access: { kind: 'public' },
    body: 'LoginInput',
    success: {
      status: 200,
      description: 'Signed in. The response also sets the httpOnly `dmc_session` cookie.',
      schema: 'LoginResponse',
    },
    errors: [400, 401, 429],
    async handle({ body, req, res }, { auth, http }) {
      // req.ip honours the app's 'trust proxy' setting (app.ts): X-Forwarded-For only from loopback.
      const result = await auth.login(body.username, body.password, req.ip ?? 'unknown');
      res.cookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: http.secureCookie,
        maxAge: SESSION_TTL_MS,
        path: '/',
      });
      // Who signed in, with the role it signed in with, for the audit log.
      res.locals.user = result.user;
      return result;
    },
  }),
  defineOperation({
    method: 'post',
    path: apiRoutes.logout,
    operationId: 'logout',
    summary: 'Sign out: ends the session of the sent credential and clears the cookie',
    tag: 'auth',
    access: { kind: 'optional' },
    success: { status: 204, description: 'Signed out (also when no session was sent).' },
    errors: [],
    async handle({ req, res }, { auth }) {
      const token = tokenFromHeaders(req.headers);
      if (token) {
        // Who signed out, for the audit log; a token already ended names nobody.
        res.locals.user = await auth.authenticate(token).catch(() => undefined);
        await auth.logout(token);
      }
      res.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  }),
  defineOperation({
    method: 'get',
    path: apiRoutes.me,
    operationId: 'getCurrentUser',
    summary: 'The signed-in user',
    tag: 'auth',
    access: { kind: 'signed-in' },
    success: { status: 200, description: 'The user behind the credential.', schema: 'User' },
    errors: [],
    handle: ({ user }) => user,
  }),
];
