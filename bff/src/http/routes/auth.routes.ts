// Console sign-in and the caller's own sessions (protocol §10). Login sets the httpOnly session
// cookie, or, when the body asks for `bearer`, answers the token for a script and sets no cookie;
// logout ends the session and clears the cookie. A user lists its sessions and ends one or all others.
import { apiRoutes, SESSION_COOKIE } from '@dmc/shared/api';
import { SESSION_TTL_MS } from '../../domain/auth/auth.service';
import { tokenFromHeaders } from '../../domain/auth/credentials';
import { currentCredential } from '../authn';
import { defineOperation, type ApiOperation } from '../operation';

const sessionPath = `${apiRoutes.authSessions}/:id` as const;

export const authOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'post',
    path: apiRoutes.login,
    operationId: 'login',
    summary: 'Sign in: sets the session cookie, or answers a bearer token when the body asks for it',
    tag: 'auth',
    access: { kind: 'public' },
    body: 'LoginInput',
    success: {
      status: 200,
      description:
        'Signed in. Sets the httpOnly `dmc_session` cookie; with `"bearer": true` the body has the `token` instead and no cookie is set.',
      schema: 'LoginResponse',
    },
    errors: [400, 401, 429],
    async handle({ body, req, res }, { auth, http }) {
      // req.ip honours the app's 'trust proxy' setting (app.ts): X-Forwarded-For only from loopback.
      const bearer = body.bearer === true;
      const { token, user, expiresAt } = await auth.login({
        username: body.username,
        password: body.password,
        address: req.ip ?? 'unknown',
        userAgent: req.get('user-agent'),
        via: bearer ? 'bearer' : 'cookie',
      });
      // Who signed in, with the role it signed in with, for the audit log.
      res.locals.user = user;
      const answer = { user, expiresAt: expiresAt.toISOString() };
      // The browser's token lives only in the httpOnly cookie: no script of the page can read it.
      if (bearer) return { ...answer, token };
      res.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: http.secureCookie,
        maxAge: SESSION_TTL_MS,
        path: '/',
      });
      return answer;
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
  defineOperation({
    method: 'get',
    path: apiRoutes.authSessions,
    operationId: 'listOwnSessions',
    summary: "The caller's own console sessions (never API tokens)",
    tag: 'auth',
    access: { kind: 'signed-in' },
    success: {
      status: 200,
      description: 'The sessions; `current` marks this one.',
      schema: 'AuthSessionList',
    },
    errors: [],
    handle: ({ res }, { ownSessions }) => ownSessions.list(currentCredential(res)),
  }),
  defineOperation({
    method: 'delete',
    path: apiRoutes.authSessions,
    operationId: 'endOtherSessions',
    summary: 'Sign out everywhere else: ends every session of the caller but this one',
    tag: 'auth',
    access: { kind: 'signed-in' },
    success: { status: 200, description: 'How many sessions ended.', schema: 'EndedSessions' },
    errors: [403],
    handle: ({ res }, { ownSessions }) => ownSessions.endOthers(currentCredential(res)),
  }),
  defineOperation({
    method: 'delete',
    path: sessionPath,
    operationId: 'endOwnSession',
    summary: "Ends one of the caller's sessions and disconnects its sockets",
    tag: 'auth',
    access: { kind: 'signed-in' },
    success: { status: 204, description: 'Ended.' },
    errors: [403, 404],
    handle: ({ params, res }, { ownSessions }) => ownSessions.end(currentCredential(res), params.id),
  }),
];
