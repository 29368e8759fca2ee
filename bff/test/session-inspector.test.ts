// The session inspector (profile §13) over real HTTP with the simulator: every package of a session
// in order (P1, P2, DR and page requests, P3), linked to the commands that caused them, with secrets
// and capability tokens redacted; refused contacts as sessions; bounded by count, age and size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleet, MOIDS, SimDevice, type Fleet, type SimDeviceOptions } from '@dmc/sim';
import {
  apiRoutes,
  inspectedSessionSchema,
  sessionListSchema,
  type InspectedSession,
  type SessionList,
} from '@dmc/shared/api';
import { pruneSessionLog } from '../src/domain/session-log/session-log-retention';
import { basicAuth, postPackage } from './support/dm-client';
import { queueCommand } from './support/sim-helpers';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'sim-device-secret-0123456789';
const NOTI_SECRET = 'noti-secret-value-42';
const URL_PASSWORD = 'url-password-77';
const PKG_URL = `${MOIDS.fumo}/fw/DownloadAndUpdate/PkgURL`;
const CAMERA = `${MOIDS.dcmo}/Camera`;

/** A clock the test moves; starts at the real time so the device's timestamps agree. */
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

let server: TestServer;
let devices = 0;

beforeAll(async () => {
  server = await startTestServer({ clock, settings: { maxPackageBytes: 256 * 1024 } });
});
afterAll(async () => {
  await server.close();
});

async function newDevice(options: Partial<SimDeviceOptions> = {}): Promise<SimDevice> {
  devices += 1;
  const devId = `IMEI:35100000000${String(devices).padStart(4, '0')}`;
  await server.registerDevice(devId, SECRET);
  return new SimDevice({ devId, secret: SECRET, serverUrl: `${server.baseUrl}/dm`, ...options });
}

async function session(device: SimDevice): Promise<void> {
  expect(await device.runSession()).toMatchObject({ ok: true });
  await device.whenIdle();
  await server.app.services.capabilityCapture.idle();
}

async function list(devId: string, query = '', token?: string): Promise<SessionList> {
  const res = await server.api('GET', `${apiRoutes.deviceSessions(devId)}${query}`, undefined, token);
  expect(res.status).toBe(200);
  return sessionListSchema.parse(await res.json());
}

async function inspect(devId: string, id: string, token?: string): Promise<InspectedSession> {
  const res = await server.api('GET', apiRoutes.deviceSession(devId, id), undefined, token);
  expect(res.status).toBe(200);
  return inspectedSessionSchema.parse(await res.json());
}

describe('session inspector', () => {
  it('keeps every package in order, links DR and page requests to their commands, redacts secrets', async () => {
    let formSecret = '';
    const device = await newDevice({
      // The device browser loads the page a SHOW opens, and the person accepts.
      browser: async (url) => {
        const html = await (await fetch(url)).text();
        formSecret = /name="_secret" value="([^"]+)"/.exec(html)?.[1] ?? '';
        const answer = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _choice: 'accept', _secret: formSecret }),
        });
        return answer.ok;
      },
    });
    const write = await queueCommand(server, device.devId, {
      command: ['HGET', null, PKG_URL],
      data: { PkgURL: `http://fw:${URL_PASSWORD}@updates.example/fw.bin` },
    });
    // The device's notification secret travels in the P3 that answers a GET of its DMAcc.
    device.store.setValue(MOIDS.dmAcc, 'dmc', 'Auth/Noti/Secret', NOTI_SECRET);
    await queueCommand(server, device.devId, { command: ['GET', `${MOIDS.dmAcc}/dmc/`] });
    const upload = await queueCommand(server, device.devId, { command: ['HPUT', null, `${CAMERA}/`] });
    const show = await queueCommand(server, device.devId, {
      command: ['SHOW', null],
      page: { kind: 'consent', title: 'Restart?', text: 'Once.' },
    });
    await session(device);

    const { items } = await list(device.devId);
    expect(items).toHaveLength(1);
    const summary = items[0]!;
    expect(summary).toMatchObject({ status: 'completed', commandCount: expect.any(Number) as unknown });
    expect(summary.commandCount).toBeGreaterThanOrEqual(4);

    const inspected = await inspect(device.devId, summary.id);
    const kinds = inspected.packages.map((p) => p.kind);
    expect(kinds[0]).toBe('P1');
    expect(kinds[1]).toBe('P2');
    expect(kinds.at(-1)).toBe('P2');
    expect(inspected.packages.map((p) => p.seq)).toEqual(kinds.map((_, i) => i + 1));
    const p3 = kinds.indexOf('P3');
    expect(p3).toBeGreaterThan(1);
    // Each DR and page request sits between the P2 that carried its command and the P3 answering it.
    const linked = inspected.packages.filter((p) => p.kind === 'DR' || p.kind === 'UI');
    expect(new Set(linked.map((p) => p.commandId))).toEqual(new Set([write, upload, show]));
    for (const pkg of linked) {
      expect(pkg.seq).toBeGreaterThan(2);
      expect(pkg.seq).toBeLessThan(p3 + 1);
      expect(pkg.status).toBe(200);
    }
    const page = linked.filter((p) => p.commandId === show);
    expect(page.map((p) => [p.kind, p.body])).toEqual([
      ['UI', { method: 'GET', path: '/ui/:token' }],
      ['UI', { method: 'POST', path: '/ui/:token', request: { _choice: 'accept', _secret: '<redacted>' } }],
    ]);
    expect(formSecret.length).toBeGreaterThanOrEqual(22);
    expect(linked.find((p) => p.commandId === upload)?.body).toMatchObject({ method: 'PUT' });
    // The last P2 ends the session, and the words say so.
    expect(inspected.packages.at(-1)?.explained.map((l) => l.text)).toContain('The session ends here.');
    expect(inspected.packages[p3]!.explained[0]!.text).toMatch(/^200 OK for the CONT/);

    // No secret and no capability token survives, in what is served or what is stored.
    const served = JSON.stringify(inspected);
    const stored = JSON.stringify(await server.store.sessionLog.listBySession(summary.id));
    const commands = await Promise.all(
      [write, upload, show].map(async (id) => {
        const res = await server.api('GET', apiRoutes.command(id));
        return ((await res.json()) as { command: string[] }).command[1] ?? '';
      }),
    );
    const tokens = commands.map((url) => url.slice(url.lastIndexOf('/') + 1));
    expect(tokens.every((t) => t.length >= 16)).toBe(true);
    expect(JSON.stringify(inspected.packages[p3]!.body)).toContain('"Secret":"<redacted>"');
    for (const text of [served, stored]) {
      for (const secretText of [NOTI_SECRET, URL_PASSWORD, SECRET, formSecret, ...tokens])
        expect(text).not.toContain(secretText);
      expect(text).toContain('<redacted>');
    }
  });

  it('shows the same redacted session to a read-only user', async () => {
    const device = await newDevice();
    await queueCommand(server, device.devId, {
      command: ['HGET', null, PKG_URL],
      data: { PkgURL: 'http://x/y' },
    });
    await session(device);
    const res = await server.api('POST', apiRoutes.users, {
      username: 'sue',
      password: 'support-password-1',
      role: 'support',
    });
    expect(res.status).toBe(201);
    const support = await server.login('sue', 'support-password-1');
    const [item] = (await list(device.devId, '', support)).items;
    const seen = await inspect(device.devId, item!.id, support);
    expect(seen).toEqual(await inspect(device.devId, item!.id));
    expect(JSON.stringify(seen)).toContain('/dr/objects/<redacted>');
  });

  it('lists refused contacts as sessions with their reason, newest first, paged by cursor', async () => {
    const device = await newDevice();
    await session(device);
    offsetMs += 1000;
    const res = await postPackage(
      `${server.baseUrl}/dm`,
      { Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }] },
      { kind: 'initiation', devId: device.devId, authorization: basicAuth(device.devId, 'wrong-secret-xyz') },
    );
    expect(res.status).toBe(401);
    await server.app.services.refusals.idle();
    offsetMs += 1000;
    await session(device);

    const all = await list(device.devId);
    expect(all.items.map((i) => i.status)).toEqual(['completed', 'refused', 'completed']);
    const refused = all.items[1]!;
    expect(refused.reason).toMatch(/^401 UNAUTHENTICATED: /);
    expect(await inspect(device.devId, refused.id)).toMatchObject({
      state: 'refused',
      reason: refused.reason,
      packages: [],
    });
    expect(JSON.stringify(all)).not.toContain('wrong-secret-xyz');

    const first = await list(device.devId, '?limit=2');
    expect(first.items.map((i) => i.id)).toEqual(all.items.slice(0, 2).map((i) => i.id));
    const rest = await list(device.devId, `?limit=2&cursor=${first.nextCursor ?? ''}`);
    expect(rest.items.map((i) => i.id)).toEqual([all.items[2]!.id]);
    expect(rest.nextCursor).toBeUndefined();
    expect(
      (await server.api('GET', `${apiRoutes.deviceSessions(device.devId)}?cursor=nonsense`)).status,
    ).toBe(400);
    expect((await server.api('GET', apiRoutes.deviceSession(device.devId, 'no-such-session'))).status).toBe(
      404,
    );
  });

  it('keeps a body over the cap as its size only', async () => {
    const device = await newDevice();
    const res = await postPackage(
      `${server.baseUrl}/dm`,
      { Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }], pad: 'x'.repeat(100_000) },
      { kind: 'initiation', devId: device.devId, authorization: basicAuth(device.devId, SECRET) },
    );
    expect(res.status).toBe(200);
    const [item] = (await list(device.devId)).items;
    const [p1] = (await inspect(device.devId, item!.id)).packages;
    expect(p1).toMatchObject({ kind: 'P1', truncated: true, body: { truncated: true } });
    expect((p1!.body as { originalBytes: number }).originalBytes).toBeGreaterThan(100_000);
  });

  it('keeps the packages of the newest sessions per device, and none past their age', async () => {
    const device = await newDevice();
    for (let i = 0; i < 3; i += 1) {
      offsetMs += 1000;
      await session(device);
    }
    const before = await list(device.devId);
    expect(before.items.map((i) => i.packageCount! > 0)).toEqual([true, true, true]);

    await pruneSessionLog(server.store, clock, { perDevice: 2, days: 14 });
    const counted = await list(device.devId);
    // The sessions stay listed; the oldest one's packages are gone.
    expect(counted.items.map((i) => i.packageCount! > 0)).toEqual([true, true, false]);
    // Idempotent: a second run removes nothing more.
    await pruneSessionLog(server.store, clock, { perDevice: 2, days: 14 });
    expect((await list(device.devId)).items.map((i) => i.packageCount)).toEqual(
      counted.items.map((i) => i.packageCount),
    );

    const later = { now: () => new Date(clock.now().getTime() + 15 * 86_400_000) };
    await pruneSessionLog(server.store, later, { perDevice: 2, days: 14 });
    expect((await list(device.devId)).items.map((i) => i.packageCount)).toEqual([0, 0, 0]);
  });
});

describe('session inspector: a session a P0 started', () => {
  let woken: TestServer;
  let fleet: Fleet;

  beforeAll(async () => {
    woken = await startTestServer();
    fleet = createFleet({
      devices: 1,
      prefix: 'inspect-wake',
      serverUrl: `${woken.baseUrl}/dm`,
      register: { apiUrl: woken.baseUrl, token: woken.adminToken },
      push: { notifySecrets: true },
    });
    await fleet.ready();
    expect((await fleet.runOnce()).sessionsFailed).toBe(0);
  });
  afterAll(async () => {
    await fleet.stop();
    await woken.close();
  });

  it('starts with the P0 that woke the device, its digest redacted', async () => {
    const devId = fleet.devices[0]!.devId;
    const res = await woken.api('POST', apiRoutes.deviceCommands(devId), {
      command: ['GET', `${MOIDS.devInfo}/d1/FwV`],
    });
    const { id } = (await res.json()) as { id: string };
    await expect
      .poll(async () => {
        await woken.app.services.notifications.dispatchDue();
        const command = await woken.api('GET', apiRoutes.command(id));
        return ((await command.json()) as { state: string }).state;
      })
      .toBe('ok');
    const listed = await woken.api('GET', apiRoutes.deviceSessions(devId));
    const [newest] = sessionListSchema.parse(await listed.json()).items;
    const shown = await woken.api('GET', apiRoutes.deviceSession(devId, newest!.id));
    const { packages } = inspectedSessionSchema.parse(await shown.json());
    expect(packages.map((p) => p.kind).slice(0, 3)).toEqual(['P0', 'P1', 'P2']);
    expect(packages[0]).toMatchObject({ seq: 1, body: { digest: '<redacted>', reason: 'queued-work' } });
    expect(packages[0]!.explained[0]!.text).toMatch(
      /^The server wakes the device with a notification \(NOTIFICATION-ID \d+\)\.$/,
    );
    expect(packages[1]!.explained[0]!.text).toMatch(/server-initiated/);
  });
});
