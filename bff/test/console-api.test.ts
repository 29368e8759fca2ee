import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '@dmc/shared/api';
import { ADMIN, startTestServer, type TestServer } from './support/test-server';

const SECRET = 'device-secret-0123456789';

describe('console API: login, roles and devices', () => {
  let server: TestServer;
  let operator: string;
  let support: string;

  beforeAll(async () => {
    server = await startTestServer();
    for (const [username, role] of [
      ['olga', 'operator'],
      ['sam', 'support'],
    ] as const) {
      const res = await server.api('POST', '/api/v1/users', {
        username,
        password: `${username}-password`,
        role,
      });
      expect(res.status).toBe(201);
    }
    operator = await server.login('olga', 'olga-password');
    support = await server.login('sam', 'sam-password');
  });
  afterAll(async () => {
    await server.close();
  });

  it('a wrong password is a 401 with the documented error body', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: ADMIN.username, password: 'not-the-password' }),
    });
    expect(res.status).toBe(401);
    const body = errorResponseSchema.parse(await res.json());
    expect(body.error.code).toBe('UNAUTHENTICATED');
    expect(body.requestId).toBeTruthy();
  });

  it('login sets an httpOnly session cookie that authenticates later requests', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/dmc_session=.+HttpOnly/i);
    const me = await fetch(`${server.baseUrl}/api/v1/auth/me`, {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(await me.json()).toEqual({ username: 'admin', role: 'admin' });
  });

  it('every API route needs a session', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/devices`);
    expect(res.status).toBe(401);
    expect(await (await fetch(`${server.baseUrl}/api/v1/nowhere`)).json()).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('enforces the roles of the permission table', async () => {
    const body = { devId: 'role-check', secret: SECRET };
    expect((await server.api('POST', '/api/v1/devices', body, support)).status).toBe(403);
    expect((await server.api('POST', '/api/v1/devices', body, operator)).status).toBe(201);
    expect((await server.api('GET', '/api/v1/devices', undefined, support)).status).toBe(200);
    expect(
      (
        await server.api(
          'POST',
          '/api/v1/devices/role-check/commands',
          { command: ['GET', 'urn:x:1.0//A'] },
          support,
        )
      ).status,
    ).toBe(403);
    expect((await server.api('DELETE', '/api/v1/devices/role-check', undefined, support)).status).toBe(403);
    const newUser = { username: 'eve', password: 'eve-password', role: 'admin' };
    expect((await server.api('POST', '/api/v1/users', newUser, operator)).status).toBe(403);
  });

  it('refuses duplicates and bad input with clear errors', async () => {
    expect(
      (
        await server.api('POST', '/api/v1/users', {
          username: 'olga',
          password: 'x-password-long',
          role: 'support',
        })
      ).status,
    ).toBe(409);
    const bad = await server.api('POST', '/api/v1/devices', { devId: 'has space', secret: 'short' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    await server.registerDevice('dup-1', SECRET);
    expect((await server.api('POST', '/api/v1/devices', { devId: 'dup-1', secret: SECRET })).status).toBe(
      409,
    );
    expect(
      (await server.api('POST', '/api/v1/devices', { devId: 'colon', secret: 'abc:defghijklmnopq' })).status,
    ).toBe(400);
  });

  it('pages through the device list with cursors, each device once', async () => {
    for (let i = 0; i < 7; i += 1) await server.registerDevice(`page-${i}`, SECRET, { labels: ['paging'] });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `label=paging&limit=3&sort=devId&order=desc${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await server.api('GET', `/api/v1/devices?${query}`)).json()) as {
        items: { devId: string }[];
        nextCursor: string | null;
        total: number;
      };
      expect(page.total).toBe(7);
      seen.push(...page.items.map((d) => d.devId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['page-6', 'page-5', 'page-4', 'page-3', 'page-2', 'page-1', 'page-0']);
    expect((await server.api('GET', '/api/v1/devices?cursor=garbage')).status).toBe(400);
  });

  it('hides capability tokens in server-made URLs from read-only users', async () => {
    await server.registerDevice('caps-1', SECRET);
    const queued = await server.api('POST', '/api/v1/devices/caps-1/commands', {
      command: ['HPUT', null, 'urn:oma:mo:oma-dm-devinfo:1.0//'],
    });
    const { id } = (await queued.json()) as { id: string };
    const full = (await (await server.api('GET', `/api/v1/commands/${id}`)).json()) as { command: string[] };
    expect(full.command[1]).toMatch(/\/dr\/inbox\/[A-Za-z0-9_-]{22,}$/);
    const seen = (await (await server.api('GET', `/api/v1/commands/${id}`, undefined, support)).json()) as {
      command: string[];
    };
    expect(seen.command[1]).toMatch(/\/dr\/inbox\/…$/);
    const listed = (await (
      await server.api('GET', '/api/v1/devices/caps-1/commands', undefined, support)
    ).json()) as {
      items: { command: string[] }[];
    };
    expect(listed.items[0]?.command[1]).not.toContain(full.command[1]?.split('/').pop());
  });

  it('deletes a device', async () => {
    await server.registerDevice('to-delete', SECRET);
    expect((await server.api('DELETE', '/api/v1/devices/to-delete')).status).toBe(204);
    expect((await server.api('GET', '/api/v1/devices/to-delete')).status).toBe(404);
  });

  it('serves /healthz without auth', async () => {
    expect(await (await fetch(`${server.baseUrl}/healthz`)).json()).toMatchObject({ status: 'ok' });
  });
});
