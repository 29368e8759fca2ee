import { createHash } from 'node:crypto';
import { MEDIA_TYPES, signP0, type P0, type P1 } from '@dmc/shared/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args';
import { SimDevice, type SimDeviceOptions } from './device';
import { createFleet, type Fleet } from './fleet';
import { createPushListener, type PushListener } from './push-listener';
import { json, startTestServer, type Reply, type TestServer } from './testing/test-server';

const DEV_ID = 'IMEI:350000000000001';
const SECRET = 'device-secret-0123456789';
const NOW_MS = 1_700_000_000_000;
const NOW_S = NOW_MS / 1000;
const SERVER_INITIATED = 'urn:oma:at:dm:2.0:ServerInitiatedMgmt';

const sha256 = (data: Uint8Array): Uint8Array => createHash('sha256').update(data).digest();
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

let server: TestServer | undefined;
let listener: PushListener | undefined;
let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  await listener?.close();
  await server?.close();
  fleet = listener = server = undefined;
});

const END: Reply = json({ CMD: [['END']] }, 200, MEDIA_TYPES.request);

/** A tiny DM server: every P1 gets END; `replies` overrides the first answers. */
async function dmServer(replies: Reply[] = []): Promise<TestServer> {
  server = await startTestServer((req) =>
    req.path.startsWith('/dm') ? (replies.shift() ?? END) : { status: 404 },
  );
  return server;
}

const p1s = (s: TestServer): P1[] =>
  s.requests.filter((r) => r.path === '/dm').map((r) => JSON.parse(r.body) as P1);

async function setUp(
  extra: Partial<SimDeviceOptions> = {},
  replies: Reply[] = [],
): Promise<{ device: SimDevice; dm: TestServer; push: PushListener }> {
  const dm = await dmServer(replies);
  const push = createPushListener();
  listener = push;
  await push.listening;
  const device = new SimDevice({
    devId: DEV_ID,
    secret: SECRET,
    serverUrl: `${dm.url}/dm`,
    now: () => NOW_MS,
    pushUrl: push.url(DEV_ID),
    ...extra,
  });
  push.attach(device);
  return { device, dm, push };
}

function sign(p0: Omit<P0, 'digest'>, secret = SECRET, devId = DEV_ID): Promise<Uint8Array> {
  return signP0(p0, { secret: utf8(secret), authData: utf8(devId) }, sha256);
}

function post(url: string, body: Uint8Array, type: string = MEDIA_TYPES.notification): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body });
}

describe('push listener (protocol §6)', () => {
  it('answers a signed P0 with 202, then opens a ServerInitiatedMgmt session', async () => {
    const { device, dm, push } = await setUp();
    expect(push.url(DEV_ID)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/push\/IMEI%3A350000000000001$/);
    expect(device.pushUrl).toBe(push.url(DEV_ID));
    const p0 = await sign({ serverId: 'dmc', notificationId: 42, timestamp: NOW_S, reqMos: true });
    const response = await post(push.url(DEV_ID), p0);
    expect(response.status).toBe(202);
    await push.idle();
    const [p1] = p1s(dm);
    expect(p1?.Alert?.[0]).toEqual({ AlertType: SERVER_INITIATED, Data: { NotificationID: 42 } });
    expect(p1?.MOS?.length).toBeGreaterThan(0);
    expect(dm.requests[0]?.headers['omadm-devid']).toBe(DEV_ID);
    expect(device.notificationStats).toEqual({ accepted: 1, duplicates: 0, rejected: 0 });
  });

  it('refuses a bad digest, a stale TIMESTAMP and another SERVER-ID with 401 and no session', async () => {
    const { device, dm, push } = await setUp();
    const cases = [
      await sign({ serverId: 'dmc', notificationId: 1, timestamp: NOW_S }, 'another-secret-012345'),
      await sign({ serverId: 'dmc', notificationId: 2, timestamp: NOW_S - 301 }),
      await sign({ serverId: 'dmc', notificationId: 3, timestamp: NOW_S + 301 }),
      await sign({ serverId: 'other', notificationId: 4, timestamp: NOW_S }),
      await sign({ serverId: 'dmc', notificationId: 5 }),
    ];
    for (const bytes of cases) expect((await post(push.url(DEV_ID), bytes)).status).toBe(401);
    await push.idle();
    expect(dm.requests).toHaveLength(0);
    expect(device.notificationStats).toMatchObject({ accepted: 0, rejected: 5 });
    expect(device.notificationStats.lastRejection).toMatch(/^stale: the P0 carries no TIMESTAMP/);
  });

  it('opens no second session for a repeated NOTIFICATION-ID, concurrent or later', async () => {
    const { device, dm, push } = await setUp();
    const p0 = await sign({ serverId: 'dmc', notificationId: 7, timestamp: NOW_S });
    const statuses = await Promise.all([post(push.url(DEV_ID), p0), post(push.url(DEV_ID), p0)]);
    expect(statuses.map((r) => r.status)).toEqual([202, 202]);
    await push.idle();
    expect((await post(push.url(DEV_ID), p0)).status).toBe(202);
    await push.idle();
    expect(p1s(dm)).toHaveLength(1);
    const next = await sign({ serverId: 'dmc', notificationId: 8, timestamp: NOW_S });
    expect((await post(push.url(DEV_ID), next)).status).toBe(202);
    await push.idle();
    expect(p1s(dm).map((p) => p.Alert?.[0]?.Data)).toEqual([{ NotificationID: 7 }, { NotificationID: 8 }]);
    expect(device.notificationStats).toEqual({ accepted: 2, duplicates: 2, rejected: 0 });
  });

  it('answers a repeat after a failed session with a new session (a server retry)', async () => {
    const { dm, push } = await setUp({}, [{ status: 503 }]);
    const p0 = await sign({ serverId: 'dmc', notificationId: 9, timestamp: NOW_S });
    expect((await post(push.url(DEV_ID), p0)).status).toBe(202);
    await push.idle();
    expect((await post(push.url(DEV_ID), p0)).status).toBe(202);
    await push.idle();
    expect(p1s(dm)).toHaveLength(2);
  });

  it('verifies with the notifySecret when the device has one', async () => {
    const { dm, push } = await setUp({ notifySecret: 'notify-secret-98765432' });
    const withDmSecret = await sign({ serverId: 'dmc', notificationId: 1, timestamp: NOW_S });
    expect((await post(push.url(DEV_ID), withDmSecret)).status).toBe(401);
    const good = await sign(
      { serverId: 'dmc', notificationId: 1, timestamp: NOW_S },
      'notify-secret-98765432',
    );
    expect((await post(push.url(DEV_ID), good)).status).toBe(202);
    await push.idle();
    expect(p1s(dm)).toHaveLength(1);
  });

  it('answers 400, 404, 405 and 415 without a session', async () => {
    const { device, dm, push } = await setUp();
    const p0 = await sign({ serverId: 'dmc', notificationId: 1, timestamp: NOW_S });
    const malformed = await post(push.url(DEV_ID), Uint8Array.from([0x20, 0x80]));
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('unsupported VER 2');
    expect((await post(push.url('IMEI:350000000000002'), p0)).status).toBe(404);
    expect((await fetch(push.url(DEV_ID))).status).toBe(405);
    expect((await post(push.url(DEV_ID), p0, 'application/octet-stream')).status).toBe(415);
    expect((await post(push.url(DEV_ID), new Uint8Array(9000))).status).toBe(413);
    push.detach(DEV_ID);
    expect((await post(push.url(DEV_ID), p0)).status).toBe(404);
    await push.idle();
    expect(dm.requests).toHaveLength(0);
    expect(device.notificationStats).toMatchObject({ accepted: 0, rejected: 1 });
  });
});

describe('fleet with push', () => {
  it('gives every device a push URL, registers it and counts P0-started sessions', async () => {
    const registered: Record<string, unknown>[] = [];
    server = await startTestServer((req) => {
      if (req.path === '/api/v1/devices') {
        registered.push(JSON.parse(req.body) as Record<string, unknown>);
        return { status: 201 };
      }
      return END;
    });
    fleet = createFleet({
      devices: 2,
      serverUrl: `${server.url}/dm`,
      register: { apiUrl: server.url, token: 't' },
      push: { notifySecrets: true },
    });
    expect(await fleet.runOnce()).toMatchObject({ sessionsOk: 2 });
    const [first] = fleet.devices;
    const push = fleet.push!;
    expect(first!.pushUrl).toBe(push.url(first!.devId));
    expect(registered[0]).toMatchObject({
      devId: first!.devId,
      pushUrl: first!.pushUrl,
      notifySecret: expect.stringMatching(/^[^:\s]{16,}$/),
    });
    expect(registered[0]!.notifySecret).not.toBe(registered[0]!.secret);
    const p0 = await signP0(
      { serverId: 'dmc', notificationId: 5, timestamp: Math.floor(Date.now() / 1000) },
      { secret: utf8(registered[0]!.notifySecret as string), authData: utf8(first!.devId) },
      sha256,
    );
    expect((await post(first!.pushUrl!, p0)).status).toBe(202);
    await push.idle();
    expect(fleet.summary()).toMatchObject({ sessionsOk: 3 });
    expect(fleet.notificationStats()).toEqual({ accepted: 1, duplicates: 0, rejected: 0 });
    await fleet.stop();
    await expect(post(first!.pushUrl!, p0)).rejects.toThrow();
  });
});

describe('parseCliArgs push options', () => {
  it('reads --push and --push-port', () => {
    expect(parseCliArgs(['--server', 'http://h', '--push'])).toMatchObject({
      ok: true,
      value: { push: true },
    });
    expect(parseCliArgs(['--server', 'http://h', '--push-port', '9100'])).toMatchObject({
      ok: true,
      value: { 'push-port': 9100 },
    });
    expect(parseCliArgs(['--server', 'http://h', '--push-port', '70000'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('--push-port'),
    });
  });
});
