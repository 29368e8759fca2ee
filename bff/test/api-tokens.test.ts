// API tokens for integrations (protocol §10) over real HTTP and real socket.io: created with the
// secret shown once, listed without it, used as a bearer token under a role ceiling, revoked; a
// disabled owner's tokens are refused; a token makes no other token and changes no password; the
// audit log names the token; a password change leaves API tokens, a role change ends them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import {
  apiRoutes,
  type ApiTokenList,
  type AuditPage,
  type CreatedApiToken,
  type Role,
  type User,
} from '@dmc/shared/api';
import type { Clock } from '../src/domain/ports';
import { tokenHash } from '../src/domain/auth/tokens';
import { startTestServer, type TestServer } from './support/test-server';

const OPERATOR = { username: 'olivia', password: 'olivia-strong-pass-1' };
const DAY = 86_400_000;

function serverDisconnect(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

describe('API tokens', () => {
  let server: TestServer;
  let operator = '';
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

  async function create(body: unknown, token = operator): Promise<Response> {
    return server.api('POST', apiRoutes.apiTokens, body, token);
  }
  async function created(body: unknown, token = operator): Promise<CreatedApiToken> {
    const res = await create(body, token);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as CreatedApiToken;
  }
  const whoIs = async (token: string) => {
    const res = await server.api('GET', apiRoutes.me, undefined, token);
    return res.status === 200 ? ((await res.json()) as User) : res.status;
  };
  const list = async (token = operator) =>
    ((await (await server.api('GET', apiRoutes.apiTokens, undefined, token)).json()) as ApiTokenList).items;

  beforeEach(async () => {
    offsetMs = 0;
    server = await startTestServer({ clock });
    const res = await server.api('POST', apiRoutes.users, { ...OPERATOR, role: 'operator' as Role });
    expect(res.status).toBe(201);
    operator = await server.login(OPERATOR.username, OPERATOR.password);
  });
  afterEach(async () => {
    await server.close();
  });

  it('creates a token shown once, lists it without the secret, and authenticates with it', async () => {
    const token = await created({ name: 'ci-export' });
    expect(token).toMatchObject({ name: 'ci-export', role: 'operator' });
    expect(token.token).toMatch(/^dmc_[\w-]{32}$/);
    expect(Date.parse(token.expiresAt)).toBeGreaterThan(Date.now() + 89 * DAY);
    expect(Date.parse(token.expiresAt)).toBeLessThan(Date.now() + 91 * DAY);
    // Only its hash is stored.
    const row = await server.store.tokens.findById(token.id);
    expect(row?.tokenHash).toBe(tokenHash(token.token));
    expect(JSON.stringify(row)).not.toContain(token.token);

    let items = await list();
    expect(items).toEqual([
      expect.objectContaining({ id: token.id, name: 'ci-export', role: 'operator', username: 'olivia' }),
    ]);
    expect(items[0]?.lastUsedAt).toBeNull();
    expect(JSON.stringify(items)).not.toContain(token.token);
    expect(await whoIs(token.token)).toEqual({ username: 'olivia', role: 'operator' });
    items = await list();
    expect(items[0]?.lastUsedAt).not.toBeNull();
    // An API token is not a session: the sessions list never shows it.
    const sessions = await (await server.api('GET', apiRoutes.authSessions, undefined, operator)).json();
    expect(JSON.stringify(sessions)).not.toContain(token.id);
    // No idle timeout: unused for days, it still works.
    offsetMs = 30 * DAY;
    expect(await whoIs(token.token)).toEqual({ username: 'olivia', role: 'operator' });
    offsetMs = 91 * DAY;
    expect(await whoIs(token.token)).toBe(401);
  });

  it('bounds the expiry and the name (400)', async () => {
    for (const body of [
      { name: 'x', expiresInDays: 0 },
      { name: 'x', expiresInDays: 366 },
      { name: '' },
      { name: 'x'.repeat(65) },
      { name: 'x', token: 'dmc_chosen' },
    ]) {
      expect((await create(body)).status, JSON.stringify(body)).toBe(400);
    }
    const year = await created({ name: 'yearly', expiresInDays: 365 });
    expect(Date.parse(year.expiresAt)).toBeGreaterThan(Date.now() + 364 * DAY);
  });

  it('refuses a role above the creator’s (403); a lower one caps what the token may do', async () => {
    expect((await create({ name: 'too-high', role: 'admin' })).status).toBe(403);
    const support = await created({ name: 'read-only', role: 'support' });
    expect(await whoIs(support.token)).toEqual({ username: 'olivia', role: 'support' });
    const res = await server.api(
      'POST',
      apiRoutes.devices,
      { devId: 'dev-1', secret: 'device-secret-0123456789' },
      support.token,
    );
    expect(res.status).toBe(403);
    const full = await created({ name: 'full' });
    const ok = await server.api(
      'POST',
      apiRoutes.devices,
      { devId: 'dev-1', secret: 'device-secret-0123456789' },
      full.token,
    );
    expect(ok.status).toBe(201);
  });

  it('an API token may create no token and change no password (403)', async () => {
    const token = await created({ name: 'ci' });
    expect((await create({ name: 'minted' }, token.token)).status).toBe(403);
    const change = await server.api(
      'PATCH',
      apiRoutes.user(OPERATOR.username),
      { password: 'another-strong-pass-9', currentPassword: OPERATOR.password },
      token.token,
    );
    expect(change.status).toBe(403);
    expect(await list()).toHaveLength(1);
    // Nor may it end its owner's sessions.
    expect((await server.api('DELETE', apiRoutes.authSessions, undefined, token.token)).status).toBe(403);
    expect(await whoIs(operator)).toMatchObject({ username: 'olivia' });
    // Signing out ends sessions only: a script that signs out with its API token keeps it.
    expect((await server.api('POST', apiRoutes.logout, undefined, token.token)).status).toBe(204);
    expect(await whoIs(token.token)).toMatchObject({ username: 'olivia' });
  });

  it('revokes a token: it is refused (401) and its socket is disconnected at once', async () => {
    const token = await created({ name: 'ci' });
    const socket = await server.socket(token.token);
    const ended = serverDisconnect(socket);
    expect((await server.api('DELETE', apiRoutes.apiToken(token.id), undefined, operator)).status).toBe(204);
    expect(await ended).toBe('io server disconnect');
    expect(await whoIs(token.token)).toBe(401);
    expect(await list()).toEqual([]);
    expect((await server.api('DELETE', apiRoutes.apiToken(token.id), undefined, operator)).status).toBe(404);
  });

  it('an admin sees and revokes everyone’s tokens; a user only its own (404 for others)', async () => {
    const mine = await created({ name: 'ci' });
    const admins = await created({ name: 'backup' }, server.adminToken);
    expect((await list()).map((t) => t.id)).toEqual([mine.id]);
    const all = await list(server.adminToken);
    expect(all.map((t) => [t.name, t.username]).sort()).toEqual([
      ['backup', 'admin'],
      ['ci', 'olivia'],
    ]);
    expect((await server.api('DELETE', apiRoutes.apiToken(admins.id), undefined, operator)).status).toBe(404);
    expect(await whoIs(admins.token)).toMatchObject({ username: 'admin' });
    expect(
      (await server.api('DELETE', apiRoutes.apiToken(mine.id), undefined, server.adminToken)).status,
    ).toBe(204);
    expect(await whoIs(mine.token)).toBe(401);
  });

  it('refuses the token of a disabled owner (401), and disabling ends the tokens for good', async () => {
    const token = await created({ name: 'ci' });
    // The owner's state is checked on every use, whatever else ends the token.
    await server.store.users.update(OPERATOR.username, { disabled: true });
    expect(await whoIs(token.token)).toBe(401);
    await server.store.users.update(OPERATOR.username, { disabled: false });
    expect(await whoIs(token.token)).toMatchObject({ username: 'olivia' });
    const res = await server.api('PATCH', apiRoutes.user(OPERATOR.username), { disabled: true });
    expect(res.status).toBe(200);
    await server.api('PATCH', apiRoutes.user(OPERATOR.username), { disabled: false });
    expect(await whoIs(token.token)).toBe(401);
  });

  it('a password change ends sessions but not API tokens; a role change ends both', async () => {
    const token = await created({ name: 'ci' });
    const reset = await server.api('PATCH', apiRoutes.user(OPERATOR.username), {
      password: 'reset-strong-pass-77',
    });
    expect(reset.status).toBe(200);
    expect(await whoIs(operator)).toBe(401);
    expect(await whoIs(token.token)).toMatchObject({ username: 'olivia' });
    const demote = await server.api('PATCH', apiRoutes.user(OPERATOR.username), { role: 'support' });
    expect(demote.status).toBe(200);
    expect(await whoIs(token.token)).toBe(401);
  });

  it('names the token in the audit log’s actor', async () => {
    const token = await created({ name: 'ci-export' });
    const res = await server.api(
      'POST',
      apiRoutes.devices,
      { devId: 'dev-2', secret: 'device-secret-0123456789' },
      token.token,
    );
    expect(res.status).toBe(201);
    const audit = await server.api('GET', `/api/v1/audit?action=registerDevice`);
    const { items } = (await audit.json()) as AuditPage;
    expect(items.map((e) => e.actor)).toEqual(['olivia (token "ci-export")']);
    const own = await server.api('GET', `/api/v1/audit?action=createApiToken`);
    expect(((await own.json()) as AuditPage).items.map((e) => [e.actor, e.target])).toEqual([
      ['olivia', token.id],
    ]);
  });
});
