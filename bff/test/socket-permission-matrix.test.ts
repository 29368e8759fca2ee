// Every client → server socket event of the table, sent over a real socket.io connection to a real
// server in every role, without a login, and with a revoked token; the answer must be what the
// table's access says. Also: the room limit, the rate limit, refusals without an ack, and a
// write-like event refused to support.
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROLES, type Role } from '@dmc/shared/api';
import type { Ack } from '@dmc/shared/events';
import { can } from '../src/domain/auth/permissions';
import { tokenHash } from '../src/domain/auth/tokens';
import type { Clock } from '../src/domain/ports';
import type { AnySocketEvent, SocketAccess } from '../src/realtime/socket-event';
import { MAX_DEVICE_ROOMS_PER_SOCKET, SOCKET_EVENTS } from '../src/realtime/socket-events';
import { SOCKET_EVENT_BURST } from '../src/realtime/socket-rate';
import { createSocketServer } from '../src/realtime/socket-server';
import { ADMIN, startTestServer, type TestServer } from './support/test-server';

type Caller = Role | 'anonymous' | 'revoked';
const CALLERS: readonly Caller[] = ['anonymous', 'revoked', ...ROLES];
const PASSWORDS: Record<Role, string> = {
  admin: ADMIN.password,
  operator: 'operator-password-1',
  support: 'support-password-1',
};
const USERNAMES: Record<Role, string> = { admin: ADMIN.username, operator: 'olivia', support: 'sam' };
/** A payload every event's schema accepts; no device has this id. */
const PROBE = { devId: 'matrix-probe' };

type AnySocket = Socket<Record<string, never>, Record<string, (...args: unknown[]) => void>>;

/** The code this caller must get for an event with this access, or undefined (let through). */
function refusal(access: SocketAccess, caller: Caller): 'UNAUTHENTICATED' | 'FORBIDDEN' | undefined {
  if (caller === 'anonymous' || caller === 'revoked') return 'UNAUTHENTICATED';
  if (access.kind === 'action' && !can(caller, access.action)) return 'FORBIDDEN';
  return undefined;
}

function connect(url: string, token: string | undefined): Promise<AnySocket> {
  const socket: AnySocket = ioClient(url, {
    ...(token === undefined ? {} : { auth: { token } }),
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

const send = (socket: AnySocket, event: string, payload: unknown) =>
  socket.emitWithAck(event, payload) as Promise<Ack<unknown>>;

async function setUp(server: TestServer): Promise<Map<Role, string>> {
  const tokens = new Map<Role, string>();
  for (const role of ROLES) {
    if (role !== 'admin') {
      const res = await server.api('POST', '/api/v1/users', {
        username: USERNAMES[role],
        password: PASSWORDS[role],
        role,
      });
      expect(res.status).toBe(201);
    }
    tokens.set(role, await server.login(USERNAMES[role], PASSWORDS[role]));
  }
  return tokens;
}

describe('socket permission matrix over the event table', () => {
  let server: TestServer;
  let tokens: Map<Role, string>;
  const sockets: AnySocket[] = [];
  const open = async (token: string | undefined) => {
    const socket = await connect(server.baseUrl, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startTestServer();
    tokens = await setUp(server);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  const ROWS = Object.entries(SOCKET_EVENTS).flatMap(([event, spec]) =>
    CALLERS.map((caller) => [event, caller, spec as AnySocketEvent] as const),
  );

  it.each(ROWS)('%s as %s', async (event, caller, spec) => {
    const expected = refusal(spec.access, caller);
    if (caller === 'anonymous') {
      await expect(open(undefined)).rejects.toThrow('UNAUTHENTICATED');
      return;
    }
    if (caller === 'revoked') {
      // A token signed out before the handshake is refused at the handshake...
      const loggedOut = await server.login(USERNAMES.operator, PASSWORDS.operator);
      const logout = await server.api('POST', '/api/v1/auth/logout', undefined, loggedOut);
      expect(logout.status).toBeLessThan(300);
      await expect(open(loggedOut)).rejects.toThrow('UNAUTHENTICATED');
      // ...and one revoked in storage while its socket is open is refused at its next event,
      // which closes the socket.
      const revoked = await server.login(USERNAMES.admin, PASSWORDS.admin);
      const socket = await open(revoked);
      await server.store.tokens.remove(tokenHash(revoked));
      const closed = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
      const answer = await send(socket, event, PROBE);
      expect(answer).toMatchObject({ ok: false, error: { code: expected } });
      await closed;
      return;
    }
    const socket = await open(tokens.get(caller));
    const answer = await send(socket, event, PROBE);
    if (expected === undefined) expect(answer).toEqual({ ok: true, data: null });
    else expect(answer).toMatchObject({ ok: false, error: { code: expected } });
  });

  it('refuses an invalid payload and an unknown event with their codes', async () => {
    const socket = await open(tokens.get('admin'));
    for (const event of Object.keys(SOCKET_EVENTS)) {
      expect(await send(socket, event, { devId: '' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
      expect(await send(socket, event, 'not an object')).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    expect(await send(socket, 'users:delete', { username: 'admin' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_EVENT' },
    });
  });

  it('answers a refused event sent without an ack with socket:refused', async () => {
    const socket = await open(tokens.get('support'));
    const refused = new Promise<unknown>((resolve) => socket.once('socket:refused', resolve));
    socket.emit('device:watch', { devId: 42 });
    expect(await refused).toEqual({
      event: 'device:watch',
      error: { code: 'VALIDATION_FAILED', message: expect.any(String) as string },
    });
  });

  it(`lets one socket watch at most ${MAX_DEVICE_ROOMS_PER_SOCKET} devices`, async () => {
    const socket = await open(tokens.get('support'));
    for (let i = 0; i < MAX_DEVICE_ROOMS_PER_SOCKET; i++) {
      expect(await send(socket, 'device:watch', { devId: `room-${i}` })).toEqual({ ok: true, data: null });
    }
    expect(await send(socket, 'device:watch', { devId: 'one-too-many' })).toMatchObject({
      ok: false,
      error: { code: 'TOO_MANY_ROOMS' },
    });
    // Watching a device already watched is no new room; leaving one makes space.
    expect(await send(socket, 'device:watch', { devId: 'room-0' })).toEqual({ ok: true, data: null });
    expect(await send(socket, 'device:unwatch', { devId: 'room-0' })).toEqual({ ok: true, data: null });
    expect(await send(socket, 'device:watch', { devId: 'one-too-many' })).toEqual({ ok: true, data: null });
  });
});

describe('socket event rate', () => {
  // The clock stands still: the bucket never refills, so the burst is all a socket gets.
  const clock: Clock = { now: () => new Date('2030-01-01T00:00:00Z') };
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clock });
  });
  afterAll(async () => {
    await server.close();
  });

  it(`refuses events beyond a burst of ${SOCKET_EVENT_BURST} with RATE_LIMITED`, async () => {
    const socket = await connect(server.baseUrl, server.adminToken);
    try {
      for (let i = 0; i < SOCKET_EVENT_BURST; i++) {
        expect(await send(socket, 'device:watch', { devId: 'rate' })).toEqual({ ok: true, data: null });
      }
      expect(await send(socket, 'device:watch', { devId: 'rate' })).toMatchObject({
        ok: false,
        error: { code: 'RATE_LIMITED' },
      });
    } finally {
      socket.close();
    }
  });
});

describe('a write-like socket event', () => {
  let server: TestServer;
  let tokens: Map<Role, string>;
  let url: string;
  const httpServer = createHttpServer();
  const poked: string[] = [];
  // A table of one event that needs `devices:write`: the dispatcher must keep support out of it.
  const events: Record<string, AnySocketEvent> = {
    'device:poke': {
      summary: 'A write-like probe',
      access: { kind: 'action', action: 'devices:write' },
      input: z.object({ devId: z.string() }),
      handle({ user }) {
        poked.push(user.username);
        return null;
      },
    },
  };

  beforeAll(async () => {
    server = await startTestServer();
    tokens = await setUp(server);
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    createSocketServer(httpServer, server.app.services.auth, {
      publicUrl: url,
      clock: { now: () => new Date() },
      events,
    });
  });
  afterAll(async () => {
    httpServer.closeAllConnections();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    await server.close();
  });

  it.each(ROLES)('as %s follows devices:write in the permission table', async (role) => {
    const socket = await connect(url, tokens.get(role));
    try {
      const answer = await send(socket, 'device:poke', PROBE);
      if (can(role, 'devices:write')) expect(answer).toEqual({ ok: true, data: null });
      else expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      socket.close();
    }
    expect(poked.includes(USERNAMES[role])).toBe(can(role, 'devices:write'));
  });
});
