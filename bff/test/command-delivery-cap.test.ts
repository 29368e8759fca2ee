// The delivery cap and cancelling a sent command (protocol §12), over real HTTP with a scripted
// device: a command the device never answers is sent in at most DMC_MAX_DELIVERIES sessions and then
// fails `no-status`; a sent command that is cancelled is never sent again and its late status is
// ignored. The cap runs on SQLite and, when it answers, PostgreSQL.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiRoutes,
  commandListSchema,
  commandRecordSchema,
  deviceTreeSchema,
  queuedCommandSchema,
  type CommandRecord,
} from '@dmc/shared/api';
import type { CommandStateChangedEvent } from '@dmc/shared/events';
import type { Clock } from '../src/domain/ports';
import { openPostgresStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';
import { LockstepDevice, postPackage } from './support/dm-client';
import {
  clusterServicesAvailable,
  createDatabase,
  databaseUrl,
  dropDatabase,
  startAppWith,
  type InProcessApp,
} from './support/cluster-support';
import { startTestServer, type TestServer } from './support/test-server';

const DEV = 'cap-1';
const SECRET = 'delivery-cap-secret-0123456789';
const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0';
const MAN = `${DEVINFO}/d1/Man`;
const FUMO = 'urn:oma:mo:oma-fumo:1.0';

/** What the scenarios need of a running server. */
interface Target {
  baseUrl: string;
  api(method: string, path: string, body?: unknown): Promise<Response>;
  /** Every command:state-changed event a console saw so far. */
  events: CommandStateChangedEvent[];
}

async function json(res: Response, expected = 200): Promise<unknown> {
  const text = await res.text();
  if (res.status !== expected) throw new Error(`HTTP ${res.status} (expected ${expected}): ${text}`);
  return JSON.parse(text) as unknown;
}

async function queue(target: Target, command: unknown[]): Promise<string> {
  const res = await target.api('POST', apiRoutes.deviceCommands(DEV), { command });
  return queuedCommandSchema.parse(await json(res, 201)).id;
}

async function record(target: Target, id: string): Promise<CommandRecord> {
  return commandRecordSchema.parse(await json(await target.api('GET', apiRoutes.command(id))));
}

/** A device with its inventory read, so later P2s carry only what a test queues. */
async function readyDevice(target: Target): Promise<LockstepDevice> {
  const res = await target.api('POST', '/api/v1/devices', { devId: DEV, secret: SECRET });
  await json(res, 201);
  const device = new LockstepDevice(target.baseUrl, DEV, SECRET);
  await device.p1();
  expect((await device.p3({ Status: [{ sc: 200 }, { sc: 200, Data: device.devInfoData() }] })).status).toBe(
    200,
  );
  return device;
}

/** Opens a session and returns the P2's commands after CONT. */
async function openSession(device: LockstepDevice): Promise<string[][]> {
  const p2 = await device.p1();
  expect(p2.status).toBe(200);
  return (p2.body as { CMD: string[][] }).CMD.slice(1);
}

/** Waits until a console has seen the command reach `state`. */
async function seen(target: Target, id: string, state: CommandRecord['state']) {
  await expect.poll(() => target.events.find((e) => e.id === id && e.state === state)).toBeDefined();
  return target.events.find((e) => e.id === id && e.state === state);
}

/**
 * A device that never ends a session properly: each of five sessions carries the GET and is
 * superseded by the next P1, or ended by a P3 without the GET's status (aborted). The sixth
 * session does not carry it: the GET failed `no-status`.
 */
async function neverAnswered(target: Target, device: LockstepDevice) {
  const id = await queue(target, ['GET', MAN]);
  expect((await record(target, id)).deliveries).toBe(0);
  for (let delivery = 1; delivery <= 5; delivery += 1) {
    expect(await openSession(device)).toEqual([['GET', MAN]]);
    expect(await record(target, id)).toMatchObject({ state: 'sent', deliveries: delivery, reason: null });
    // The even deliveries get a P3 that lacks the GET's status; the odd ones are superseded.
    if (delivery % 2 === 0) expect((await device.p3({ Status: [{ sc: 200 }] })).status).toBe(400);
  }
  expect(await openSession(device)).toEqual([['END']]);
  const failed = await record(target, id);
  expect(failed).toMatchObject({ state: 'failed', sc: null, deliveries: 5, reason: 'no-status' });
  const listed = commandListSchema.parse(await json(await target.api('GET', apiRoutes.deviceCommands(DEV))));
  expect(listed.items.find((c) => c.id === id)).toMatchObject({ deliveries: 5, reason: 'no-status' });
  expect(await seen(target, id, 'failed')).toMatchObject({ deliveries: 5, reason: 'no-status', sc: null });
  expect(target.events.filter((e) => e.id === id && e.state === 'sent').map((e) => e.deliveries)).toEqual([
    1, 2, 3, 4, 5,
  ]);
  // Nothing can bring it back: a failed command is final.
  expect((await target.api('POST', apiRoutes.cancelCommand(id))).status).toBe(409);
}

describe('the delivery cap and cancelling sent commands on SQLite', () => {
  let server: TestServer;
  let target: Target;
  let device: LockstepDevice;
  let offsetMs: number;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

  beforeEach(async () => {
    offsetMs = 0;
    server = await startTestServer({ clock });
    const events: CommandStateChangedEvent[] = [];
    (await server.socket()).on('command:state-changed', (e) => events.push(e));
    target = { baseUrl: server.baseUrl, api: (m, p, b) => server.api(m, p, b), events };
    device = await readyDevice(target);
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends a command the device never answers in at most 5 sessions, then fails it no-status', async () => {
    await neverAnswered(target, device);
  });

  it('counts an abandoned session as a delivery, and honours DMC_MAX_DELIVERIES', async () => {
    await server.close();
    server = await startTestServer({ clock, settings: { maxDeliveries: 2 } });
    target = { ...target, baseUrl: server.baseUrl, api: (m, p, b) => server.api(m, p, b), events: [] };
    device = await readyDevice(target);
    const id = await queue(target, ['GET', MAN]);
    expect(await openSession(device)).toEqual([['GET', MAN]]);
    offsetMs += 301_000;
    expect(await server.app.services.dm.expireIdle()).toBe(1);
    expect(await record(target, id)).toMatchObject({ state: 'queued', deliveries: 1 });
    expect(await openSession(device)).toEqual([['GET', MAN]]);
    offsetMs += 301_000;
    expect(await server.app.services.dm.expireIdle()).toBe(1);
    expect(await record(target, id)).toMatchObject({ state: 'failed', deliveries: 2, reason: 'no-status' });
    expect(await openSession(device)).toEqual([['END']]);
  });

  it('a command answered in time keeps its delivery count and no reason', async () => {
    const id = await queue(target, ['GET', MAN]);
    await openSession(device);
    await device.p1();
    expect((await device.p3({ Status: [{ sc: 200 }, { sc: 404 }] })).body).toEqual({ CMD: [['END']] });
    expect(await record(target, id)).toMatchObject({ state: 'failed', sc: 404, deliveries: 2, reason: null });
  });

  it('ignores the status of a sent command cancelled meanwhile: no tree write, the session goes on', async () => {
    const id = await queue(target, ['GET', MAN]);
    const other = await queue(target, ['GET', `${DEVINFO}/d1/Mod`]);
    expect(await openSession(device)).toHaveLength(2);
    const cancelled = commandRecordSchema.parse(
      await json(await target.api('POST', apiRoutes.cancelCommand(id))),
    );
    expect(cancelled).toMatchObject({ state: 'cancelled', deliveries: 1 });
    await seen(target, id, 'cancelled');

    const reply = await device.p3({
      Status: [
        { sc: 200 },
        { sc: 200, Data: [{ ClientURI: MAN, MOData: { Man: 'Cancelled Corp' } }] },
        { sc: 200, Data: [{ ClientURI: `${DEVINFO}/d1/Mod`, MOData: { Mod: 'Sim-9' } }] },
      ],
    });
    expect(reply).toMatchObject({ status: 200, body: { CMD: [['END']] } });
    expect(await record(target, id)).toMatchObject({ state: 'cancelled', sc: null, result: null });
    expect(await record(target, other)).toMatchObject({ state: 'ok', sc: 200 });
    const tree = deviceTreeSchema.parse(await json(await target.api('GET', apiRoutes.deviceTree(DEV))));
    const nodes = tree.instances.find((i) => i.moid === DEVINFO)?.nodes ?? [];
    expect(nodes.find((n) => n.path === 'Man')?.value).toBe('Acme');
    expect(nodes.find((n) => n.path === 'Mod')?.value).toBe('Sim-9');
    expect(target.events.filter((e) => e.id === id).map((e) => e.state)).toEqual([
      'queued',
      'sent',
      'cancelled',
    ]);
  });

  it('ignores both the 202 and the later job outcome of a sent EXEC cancelled meanwhile', async () => {
    const id = await queue(target, ['EXEC', `${FUMO}/fw/DownloadAndUpdate`]);
    const [exec] = await openSession(device);
    expect((await target.api('POST', apiRoutes.cancelCommand(id))).status).toBe(200);
    expect((await device.p3({ Status: [{ sc: 200 }, { sc: 202 }] })).body).toEqual({ CMD: [['END']] });
    const outcome = {
      Alert: [
        { AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' },
        { AlertType: 'urn:oma:at:fumo:1.0:OperationComplete', Data: { DM1x: 200 } },
      ],
    };
    const job = await postPackage(exec?.[2] ?? '', outcome, {
      kind: 'initiation',
      devId: DEV,
      authorization: device.auth,
    });
    expect(job.status).toBe(200);
    expect(await record(target, id)).toMatchObject({ state: 'cancelled', sc: null, result: null });
  });

  it('never sends a cancelled sent command again, whether the session is superseded or aborted', async () => {
    const id = await queue(target, ['GET', MAN]);
    expect(await openSession(device)).toEqual([['GET', MAN]]);
    expect((await target.api('POST', apiRoutes.cancelCommand(id))).status).toBe(200);
    expect(await openSession(device)).toEqual([['END']]);

    const second = await queue(target, ['GET', MAN]);
    expect(await openSession(device)).toEqual([['GET', MAN]]);
    expect((await target.api('POST', apiRoutes.cancelCommand(second))).status).toBe(200);
    expect((await device.p3({ Status: [{ sc: 200 }] })).status).toBe(400);
    expect(await openSession(device)).toEqual([['END']]);
    for (const cmd of [id, second])
      expect(await record(target, cmd)).toMatchObject({ state: 'cancelled', deliveries: 1 });
    // Cancelled is final.
    expect((await target.api('POST', apiRoutes.cancelCommand(id))).status).toBe(409);
  });
});

const isPgAvailable = await clusterServicesAvailable();

describe.skipIf(!isPgAvailable)('the delivery cap on PostgreSQL', () => {
  let database = '';
  let store: Store;
  let app: InProcessApp;
  let target: Target;

  beforeAll(async () => {
    database = await createDatabase();
    store = await openPostgresStore({ url: databaseUrl(database) });
    app = await startAppWith(store);
    const events: CommandStateChangedEvent[] = [];
    (await app.socket()).on('command:state-changed', (e) => events.push(e));
    target = { baseUrl: app.url, api: (m, p, b) => app.api(m, p, b), events };
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    if (database !== '') await dropDatabase(database);
  });

  it('sends a command the device never answers in at most 5 sessions, then fails it no-status', async () => {
    await neverAnswered(target, await readyDevice(target));
  });
});
