// Users (profile §10) over real HTTP and real socket.io: list, role change, disable, delete, the
// last enabled admin, password changes and the password policy. Ending a user's sessions refuses its
// tokens (401) and disconnects its live sockets at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { apiRoutes, type Role, type UserAccount, type UserList } from '@dmc/shared/api';
import { ADMIN, startTestServer, type TestServer } from './support/test-server';

const OPERATOR = { username: 'olivia', password: 'olivia-strong-pass-1', role: 'operator' as Role };

/** Resolves with the reason once the server ends the socket. */
function serverDisconnect(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

describe('users', () => {
  let server: TestServer;

  async function createUser(user: { username: string; password: string; role: Role }): Promise<void> {
    const res = await server.api('POST', apiRoutes.users, user);
    expect(res.status, await res.clone().text()).toBe(201);
  }

  async function patch(username: string, body: unknown, token?: string): Promise<Response> {
    return server.api('PATCH', apiRoutes.user(username), body, token);
  }

  async function me(token: string): Promise<number> {
    return (await server.api('GET', apiRoutes.me, undefined, token)).status;
  }

  beforeEach(async () => {
    server = await startTestServer();
    await createUser(OPERATOR);
  });
  afterEach(async () => {
    await server.close();
  });

  it('lists users with role, status, creation and last sign-in', async () => {
    await server.login(OPERATOR.username, OPERATOR.password);
    await createUser({ username: 'sam', password: 'sam-strong-pass-1', role: 'support' });
    const res = await server.api('GET', apiRoutes.users);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as UserList;
    expect(items.map((u) => [u.username, u.role, u.disabled])).toEqual([
      ['admin', 'admin', false],
      ['olivia', 'operator', false],
      ['sam', 'support', false],
    ]);
    expect(items[1]?.lastLoginAt).not.toBeNull();
    expect(items[2]?.lastLoginAt).toBeNull();
    expect(Date.parse(items[0]?.createdAt ?? '')).not.toBeNaN();
    const operatorToken = await server.login(OPERATOR.username, OPERATOR.password);
    expect((await server.api('GET', apiRoutes.users, undefined, operatorToken)).status).toBe(403);
  });

  it('changes a role, which ends that user’s sessions', async () => {
    const token = await server.login(OPERATOR.username, OPERATOR.password);
    const res = await patch(OPERATOR.username, { role: 'support' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as UserAccount).role).toBe('support');
    expect(await me(token)).toBe(401);
    const again = await server.login(OPERATOR.username, OPERATOR.password);
    const who = (await (await server.api('GET', apiRoutes.me, undefined, again)).json()) as { role: Role };
    expect(who.role).toBe('support');
  });

  it('signing out ends that session’s sockets at once and leaves the user’s other sessions', async () => {
    const token = await server.login(OPERATOR.username, OPERATOR.password);
    const other = await server.login(OPERATOR.username, OPERATOR.password);
    const socket = await server.socket(token);
    const otherSocket = await server.socket(other);
    const ended = serverDisconnect(socket);
    expect((await server.api('POST', apiRoutes.logout, undefined, token)).status).toBe(204);
    expect(await ended).toBe('io server disconnect');
    expect(await me(token)).toBe(401);
    expect(await me(other)).toBe(200);
    expect(otherSocket.connected).toBe(true);
  });

  it('disabling refuses the user’s token and disconnects its socket at once; sign-in is refused', async () => {
    const token = await server.login(OPERATOR.username, OPERATOR.password);
    const socket = await server.socket(token);
    const adminSocket = await server.socket();
    const ended = serverDisconnect(socket);
    expect((await patch(OPERATOR.username, { disabled: true })).status).toBe(200);
    expect(await ended).toBe('io server disconnect');
    expect(adminSocket.connected).toBe(true);
    expect(await me(token)).toBe(401);
    const login = await fetch(`${server.baseUrl}${apiRoutes.login}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: OPERATOR.username, password: OPERATOR.password }),
    });
    expect(login.status).toBe(401);
    expect(await login.text()).toContain('Wrong username or password');
    await expect(server.socket(token)).rejects.toThrow();
    // Enabled again, the user signs in.
    expect((await patch(OPERATOR.username, { disabled: false })).status).toBe(200);
    await server.login(OPERATOR.username, OPERATOR.password);
  });

  it('deletes a user, ending its sessions and sockets', async () => {
    const token = await server.login(OPERATOR.username, OPERATOR.password);
    const socket = await server.socket(token);
    const ended = serverDisconnect(socket);
    expect((await server.api('DELETE', apiRoutes.user(OPERATOR.username))).status).toBe(204);
    expect(await ended).toBe('io server disconnect');
    expect(await me(token)).toBe(401);
    expect((await server.api('DELETE', apiRoutes.user(OPERATOR.username))).status).toBe(404);
    const list = (await (await server.api('GET', apiRoutes.users)).json()) as UserList;
    expect(list.items.map((u) => u.username)).toEqual(['admin']);
  });

  it('keeps the last enabled admin: delete, disable and demote answer 409', async () => {
    for (const [method, body] of [
      ['DELETE', undefined],
      ['PATCH', { disabled: true }],
      ['PATCH', { role: 'operator' }],
    ] as const) {
      const res = await server.api(method, apiRoutes.user(ADMIN.username), body);
      expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(409);
    }
    expect(await me(server.adminToken)).toBe(200);
    // With a second enabled admin, the first may be demoted; then the second is the last.
    await createUser({ username: 'ada', password: 'ada-strong-pass-1', role: 'admin' });
    expect((await patch(ADMIN.username, { role: 'operator' })).status).toBe(200);
    const adaToken = await server.login('ada', 'ada-strong-pass-1');
    expect((await patch('ada', { disabled: true }, adaToken)).status).toBe(409);
  });

  it('two admins demoting each other at once leave one enabled admin', async () => {
    await createUser({ username: 'ada', password: 'ada-strong-pass-1', role: 'admin' });
    const adaToken = await server.login('ada', 'ada-strong-pass-1');
    const [first, second] = await Promise.all([
      patch('ada', { role: 'operator' }),
      patch(ADMIN.username, { role: 'operator' }, adaToken),
    ]);
    // One wins; the other gets 409, or 401 when the winner demoted its caller first (sessions end).
    const statuses = [first.status, second.status];
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200)[0]).toBeOneOf([401, 409]);
    const { items } = (await (await server.api('GET', apiRoutes.users)).json()) as UserList;
    expect(items.filter((u) => u.role === 'admin' && !u.disabled)).toHaveLength(1);
  });

  it('a user changes its own password with currentPassword; its other sessions end', async () => {
    const current = await server.login(OPERATOR.username, OPERATOR.password);
    const other = await server.login(OPERATOR.username, OPERATOR.password);
    const otherSocket = await server.socket(other);
    const currentSocket = await server.socket(current);
    const ended = serverDisconnect(otherSocket);
    const next = 'a-new-operator-pass-2';
    const missing = await patch(OPERATOR.username, { password: next }, current);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('currentPassword');
    const wrong = await patch(
      OPERATOR.username,
      { password: next, currentPassword: 'not-it-at-all' },
      current,
    );
    expect(wrong.status).toBe(400);
    expect(await me(other)).toBe(200);
    const ok = await patch(
      OPERATOR.username,
      { password: next, currentPassword: OPERATOR.password },
      current,
    );
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await ended).toBe('io server disconnect');
    expect(await me(other)).toBe(401);
    expect(await me(current)).toBe(200);
    expect(currentSocket.connected).toBe(true);
    await server.login(OPERATOR.username, next);
    await expect(server.login(OPERATOR.username, OPERATOR.password)).rejects.toThrow(/401/);
  });

  it('a non-admin may change neither another user nor its own role (403)', async () => {
    const token = await server.login(OPERATOR.username, OPERATOR.password);
    expect((await patch(OPERATOR.username, { role: 'admin' }, token)).status).toBe(403);
    expect((await patch(ADMIN.username, { password: 'some-other-pass-9' }, token)).status).toBe(403);
    expect((await server.api('DELETE', apiRoutes.user(ADMIN.username), undefined, token)).status).toBe(403);
  });

  it('an admin resets another user’s password, ending all of its sessions', async () => {
    const token = await server.login(OPERATOR.username, OPERATOR.password);
    expect((await patch(OPERATOR.username, { password: 'reset-by-admin-pass-3' })).status).toBe(200);
    expect(await me(token)).toBe(401);
    await server.login(OPERATOR.username, 'reset-by-admin-pass-3');
  });

  it('refuses short and common passwords with a 400 naming the rule', async () => {
    const cases: [string, RegExp][] = [
      ['short-pw', /at least 12 characters/],
      ['x'.repeat(257), /at most 256 characters/],
      ['Password123456', /too common/],
      ['QWERTYUIOP!!!!', /too common/],
      ['passwordpassword', /too common/],
      ['abcabcabcabc', /too common/],
    ];
    for (const [password, rule] of cases) {
      const created = await server.api('POST', apiRoutes.users, {
        username: 'nu',
        password,
        role: 'support',
      });
      expect(created.status, password).toBe(400);
      expect(await created.text(), password).toMatch(rule);
      const reset = await patch(OPERATOR.username, { password });
      expect(reset.status, password).toBe(400);
      expect(await reset.text(), password).toMatch(rule);
    }
    const token = await server.login(OPERATOR.username, OPERATOR.password);
    const own = await patch(
      OPERATOR.username,
      { password: 'letmein-2024!!', currentPassword: OPERATOR.password },
      token,
    );
    expect(own.status).toBe(400);
    expect(await own.text()).toMatch(/too common/);
  });
});
