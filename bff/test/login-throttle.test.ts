// Login throttling and lockout (protocol §10) and the slow-down for wrong device credentials
// (protocol §7), over real HTTP on SQLite with an injected clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../src/domain/ports';
import { removeExpired } from '../src/domain/housekeeping';
import { ADMIN, startTestServer, type TestServer } from './support/test-server';
import { basicAuth, postPackage } from './support/dm-client';

const USER = { username: 'operator-1', password: 'operator-password-1' };
const MINUTE = 60_000;

let offsetMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
let server: TestServer;

beforeEach(async () => {
  offsetMs = 0;
  server = await startTestServer({ clock });
  await server.app.services.auth.createUser({ ...USER, role: 'operator' });
});
afterEach(async () => {
  await server.close();
});

/** POST /auth/login; `from` is sent as X-Forwarded-For (trusted from loopback only, app.ts). */
function login(username: string, password: string, from?: string): Promise<Response> {
  return fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(from === undefined ? {} : { 'x-forwarded-for': from }),
    },
    body: JSON.stringify({ username, password }),
  });
}

async function expectThrottled(res: Response): Promise<number> {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  const body = (await res.json()) as { error: { code: string } };
  expect(body.error.code).toBe('TOO_MANY_REQUESTS');
  return retryAfter;
}

describe('console login throttling', () => {
  it('refuses the right password after 5 failures for the username until the window passes', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login(USER.username, 'wrong-password-x')).status).toBe(401);
    await expectThrottled(await login(USER.username, USER.password));
    // Another address does not help: the lockout is per username.
    await expectThrottled(await login(USER.username, USER.password, '203.0.113.9'));
    // Other users are not affected.
    expect((await login(ADMIN.username, ADMIN.password)).status).toBe(200);
    offsetMs = 14 * MINUTE;
    await expectThrottled(await login(USER.username, USER.password));
    offsetMs = 15 * MINUTE + 1000;
    expect((await login(USER.username, USER.password)).status).toBe(200);
  });

  it('counts the Retry-After down to the end of the window', async () => {
    for (let i = 0; i < 5; i += 1) await login(USER.username, 'wrong-password-x');
    const first = await expectThrottled(await login(USER.username, USER.password));
    offsetMs = 10 * MINUTE;
    const later = await expectThrottled(await login(USER.username, USER.password));
    expect(first - later).toBeGreaterThanOrEqual(10 * 60 - 2);
  });

  it('starts the count afresh after a successful login', async () => {
    for (let i = 0; i < 4; i += 1) expect((await login(USER.username, 'wrong-password-x')).status).toBe(401);
    expect((await login(USER.username, USER.password)).status).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await login(USER.username, 'wrong-password-x')).status).toBe(401);
    expect((await login(USER.username, USER.password)).status).toBe(200);
  });

  it('answers an unknown username exactly as a known one', async () => {
    const statuses = async (username: string) => {
      const seen: number[] = [];
      for (let i = 0; i < 7; i += 1) seen.push((await login(username, 'wrong-password-x')).status);
      return seen;
    };
    const known = await statuses(USER.username);
    const unknown = await statuses('nobody-here');
    expect(unknown).toEqual(known);
    expect(known).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('refuses an address after 20 failures across usernames, whatever the username', async () => {
    const from = '198.51.100.7';
    for (let i = 0; i < 20; i += 1) {
      expect((await login(`user-${i}`, 'wrong-password-x', from)).status).toBe(401);
    }
    await expectThrottled(await login(USER.username, USER.password, from));
    await expectThrottled(await login(ADMIN.username, ADMIN.password, from));
    // Another address still signs in, and the username was not locked by the address's failures.
    expect((await login(USER.username, USER.password, '198.51.100.8')).status).toBe(200);
    offsetMs = 15 * MINUTE + 1000;
    expect((await login(USER.username, USER.password, from)).status).toBe(200);
  });

  it('lets more than 20 successful logins from one address through', async () => {
    for (let i = 0; i < 21; i += 1) expect((await login(USER.username, USER.password)).status).toBe(200);
  });

  it('counts parallel attempts exactly: at most 5 of 12 reach the password check', async () => {
    const replies = await Promise.all(
      Array.from({ length: 12 }, () => login(USER.username, 'wrong-password-x')),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('lets a user locked out sign in again once an admin cleared its lockout, and audits it', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login(USER.username, 'wrong-password-x')).status).toBe(401);
    await expectThrottled(await login(USER.username, USER.password));
    const lockout = `/api/v1/users/${USER.username}/lockout`;
    expect((await server.api('DELETE', lockout)).status).toBe(204);
    expect((await login(USER.username, USER.password)).status).toBe(200);
    // A user that does not exist has no lockout to clear.
    expect((await server.api('DELETE', '/api/v1/users/nobody-here/lockout')).status).toBe(404);
    const entries = await server.store.audit.list({ action: 'clearUserLockout' }, 10);
    expect(entries.map((e) => [e.actor, e.role, e.target, e.outcome])).toEqual([
      [ADMIN.username, 'admin', 'nobody-here', 'NOT_FOUND'],
      [ADMIN.username, 'admin', USER.username, 'ok'],
    ]);
  });

  it('leaves the lockout of a client address in place when a user lockout is cleared', async () => {
    const from = '198.51.100.7';
    for (let i = 0; i < 20; i += 1) await login(`user-${i}`, 'wrong-password-x', from);
    expect((await server.api('DELETE', `/api/v1/users/${USER.username}/lockout`)).status).toBe(204);
    await expectThrottled(await login(USER.username, USER.password, from));
  });

  it('keeps no counter past its window once housekeeping ran', async () => {
    for (let i = 0; i < 3; i += 1) await login(`sprayed-${i}`, 'wrong-password-x');
    expect(await server.store.authFailures.find('user', 'sprayed-0')).toBeDefined();
    offsetMs = 16 * MINUTE;
    await removeExpired(server.store, clock);
    expect(await server.store.authFailures.find('user', 'sprayed-0')).toBeUndefined();
    expect(await server.store.authFailures.find('address', '127.0.0.1')).toBeUndefined();
  });
});

describe('device credential slow-down', () => {
  const DEV = 'IMEI:356938035649001';
  const OTHER = 'IMEI:356938035649002';
  const SECRET = 'device-secret-0123456789';
  const P1 = { MOS: [], Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }] };
  const send = (devId: string, secret: string) =>
    postPackage(`${server.baseUrl}/dm`, P1, {
      kind: 'initiation',
      devId,
      authorization: basicAuth(devId, secret),
    });

  beforeEach(async () => {
    await server.registerDevice(DEV, SECRET);
    await server.registerDevice(OTHER, SECRET);
  });

  it('answers 429 with Retry-After for the attacked DevID only, until the window passes', async () => {
    for (let i = 0; i < 10; i += 1) expect((await send(DEV, 'wrong-secret-0123456789')).status).toBe(401);
    const throttled = await send(DEV, SECRET);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((throttled.body as { error: { code: string } }).error.code).toBe('TOO_MANY_REQUESTS');
    expect((await send(OTHER, SECRET)).status).toBe(200);
    offsetMs = 5 * MINUTE + 1000;
    expect((await send(DEV, SECRET)).status).toBe(200);
  });

  it('never slows a device that keeps sending the right secret', async () => {
    for (let i = 0; i < 15; i += 1) expect((await send(DEV, SECRET)).status).toBe(200);
    expect(await server.store.authFailures.find('device', DEV)).toBeUndefined();
  });

  it('keeps no counter for a DevID that is not registered', async () => {
    for (let i = 0; i < 12; i += 1) {
      expect((await send('IMEI:000000000000000', 'wrong-secret-0123456789')).status).toBe(401);
    }
    expect(await server.store.authFailures.find('device', 'IMEI:000000000000000')).toBeUndefined();
  });
});
