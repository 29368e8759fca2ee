// A user's own console sessions (protocol §10) over real HTTP and real socket.io, with an injected
// clock: the token lives only in the httpOnly cookie unless a script asks for `bearer`; the idle
// timeout beside the absolute one; the list shows only the caller's sessions; ending one, or all
// others, refuses their tokens and disconnects their live sockets at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { apiRoutes, SESSION_COOKIE, type AuthSessionList, type LoginResponse } from '@dmc/shared/api';
import type { Clock } from '../src/domain/ports';
import { removeExpired } from '../src/domain/housekeeping';
import { tokenHash } from '../src/domain/auth/tokens';
import { startTestServer, type TestServer } from './support/test-server';

const OPERATOR = { username: 'olivia', password: 'olivia-strong-pass-1' };
const MINUTE = 60_000;

function serverDisconnect(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

describe('own sessions', () => {
  let server: TestServer;
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

  const me = async (token: string) => (await server.api('GET', apiRoutes.me, undefined, token)).status;
  const sessionsOf = async (token: string) =>
    ((await (await server.api('GET', apiRoutes.authSessions, undefined, token)).json()) as AuthSessionList)
      .items;

  beforeEach(async () => {
    offsetMs = 0;
    server = await startTestServer({ clock });
    const res = await server.api('POST', apiRoutes.users, { ...OPERATOR, role: 'operator' });
    expect(res.status).toBe(201);
  });
  afterEach(async () => {
    await server.close();
  });

  it('a browser sign-in keeps the token in the httpOnly cookie only; a script asks for it', async () => {
    const browser = await fetch(`${server.baseUrl}${apiRoutes.login}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': `console ${'x'.repeat(300)}` },
      body: JSON.stringify(OPERATOR),
    });
    expect(browser.status).toBe(200);
    const body = (await browser.json()) as LoginResponse & Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'user']);
    expect(body.user).toEqual({ username: 'olivia', role: 'operator' });
    const cookie = browser.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+;.*HttpOnly`));
    const token = decodeURIComponent(/^[^=]+=([^;]+)/.exec(cookie)?.[1] ?? '');
    // The cookie's session, as its list shows it.
    const listed = await fetch(`${server.baseUrl}${apiRoutes.authSessions}`, {
      headers: { cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}` },
    });
    const [session] = ((await listed.json()) as AuthSessionList).items;
    expect(session).toMatchObject({ current: true, kind: 'cookie', address: '127.0.0.1' });
    expect(session?.userAgent).toHaveLength(200);
    expect(Date.parse(session?.expiresAt ?? '')).toBe(Date.parse(body.expiresAt));

    const script = await fetch(`${server.baseUrl}${apiRoutes.login}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...OPERATOR, bearer: true }),
    });
    expect(script.headers.get('set-cookie')).toBeNull();
    const scripted = (await script.json()) as LoginResponse;
    expect(typeof scripted.token).toBe('string');
    expect(await me(scripted.token ?? '')).toBe(200);
    const kinds = (await sessionsOf(scripted.token ?? '')).map((s) => [s.kind, s.current]);
    expect(kinds.sort()).toEqual([
      ['bearer', true],
      ['cookie', false],
    ]);
  });

  it('ends a session idle longer than the idle timeout, though its absolute end is hours away', async () => {
    const token = await server.login(OPERATOR.username, OPERATOR.password);
    offsetMs = 59 * MINUTE;
    expect(await me(token)).toBe(200);
    // Used a minute ago: measured from that use, not from the sign-in.
    offsetMs = 118 * MINUTE;
    expect(await me(token)).toBe(200);
    const [listed] = await sessionsOf(token);
    expect(Date.parse(listed?.idleExpiresAt ?? '')).toBe(Date.parse(listed?.lastUsedAt ?? '') + 60 * MINUTE);
    offsetMs = 179 * MINUTE;
    expect(await me(token)).toBe(401);
    await expect(server.socket(token)).rejects.toThrow();
  });

  it('records a use at most about once a minute', async () => {
    const token = await server.login(OPERATOR.username, OPERATOR.password);
    const signedIn = (await server.store.tokens.find(tokenHash(token)))?.lastUsedAt;
    offsetMs = 30_000;
    expect(await me(token)).toBe(200);
    expect((await server.store.tokens.find(tokenHash(token)))?.lastUsedAt).toEqual(signedIn);
    offsetMs = 61_000;
    expect(await me(token)).toBe(200);
    const used = (await server.store.tokens.find(tokenHash(token)))?.lastUsedAt;
    expect(used?.getTime()).toBeGreaterThan((signedIn?.getTime() ?? 0) + 60_000);
  });

  it('counts socket events as use', async () => {
    const token = await server.login(OPERATOR.username, OPERATOR.password);
    const socket = await server.socket(token);
    offsetMs = 50 * MINUTE;
    // Any event reaches the dispatcher, which authenticates the socket's session again.
    await new Promise((resolve) => socket.emit('device:unwatch', { devId: 'none' }, resolve));
    offsetMs = 100 * MINUTE;
    expect(await me(token)).toBe(200);
  });

  it('housekeeping deletes idle sessions and disconnects their sockets', async () => {
    const idle = await server.login(OPERATOR.username, OPERATOR.password);
    const idleSocket = await server.socket(idle);
    const ended = serverDisconnect(idleSocket);
    offsetMs = 45 * MINUTE;
    const busy = await server.login(OPERATOR.username, OPERATOR.password);
    offsetMs = 61 * MINUTE;
    await removeExpired(server.store, clock, { onTokensEnded: server.app.disconnectTokens });
    expect(await ended).toBe('io server disconnect');
    expect(await server.store.tokens.find(tokenHash(idle))).toBeUndefined();
    expect(await me(busy)).toBe(200);
  });

  it('lists only the caller’s sessions; another user’s session id is not found (404)', async () => {
    const token = await server.login(OPERATOR.username, OPERATOR.password);
    await server.login(OPERATOR.username, OPERATOR.password);
    const own = await sessionsOf(token);
    expect(own).toHaveLength(2);
    expect(own.filter((s) => s.current)).toHaveLength(1);
    const adminSessions = await sessionsOf(server.adminToken);
    expect(adminSessions.map((s) => s.id)).not.toContain(own[0]?.id);
    const adminId = adminSessions.find((s) => s.current)?.id ?? '';
    const res = await server.api('DELETE', apiRoutes.authSession(adminId), undefined, token);
    expect(res.status).toBe(404);
    expect(await me(server.adminToken)).toBe(200);
  });

  it('ends one of the caller’s sessions, refusing its token and disconnecting its socket', async () => {
    const token = await server.login(OPERATOR.username, OPERATOR.password);
    const other = await server.login(OPERATOR.username, OPERATOR.password);
    const socket = await server.socket(other);
    const ended = serverDisconnect(socket);
    const otherId = (await sessionsOf(token)).find((s) => !s.current)?.id ?? '';
    expect((await server.api('DELETE', apiRoutes.authSession(otherId), undefined, token)).status).toBe(204);
    expect(await ended).toBe('io server disconnect');
    expect(await me(other)).toBe(401);
    expect(await me(token)).toBe(200);
    expect((await server.api('DELETE', apiRoutes.authSession(otherId), undefined, token)).status).toBe(404);
  });

  it('signs out everywhere else: the other sessions’ sockets are disconnected, this one stays', async () => {
    const token = await server.login(OPERATOR.username, OPERATOR.password);
    const other = await server.login(OPERATOR.username, OPERATOR.password);
    const third = await server.login(OPERATOR.username, OPERATOR.password);
    const socket = await server.socket(token);
    const otherSocket = await server.socket(other);
    const adminSocket = await server.socket();
    const ended = serverDisconnect(otherSocket);
    const res = await server.api('DELETE', apiRoutes.authSessions, undefined, token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ended: 2 });
    expect(await ended).toBe('io server disconnect');
    expect(await me(other)).toBe(401);
    expect(await me(third)).toBe(401);
    expect(await me(token)).toBe(200);
    expect(socket.connected).toBe(true);
    expect(adminSocket.connected).toBe(true);
    expect(await sessionsOf(token)).toHaveLength(1);
  });
});
