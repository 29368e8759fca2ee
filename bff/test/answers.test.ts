// Answers shown truly (protocol §8): a declined SHOW ends ok with outcome `declined`, live and in the
// API; an EXEC that ends ok reads its MO instance back in the same session, once, so the stored tree
// shows what it changed without a manual read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOIDS, SimDevice, type SimDeviceOptions } from '@dmc/sim';
import type { CommandRecord } from '@dmc/shared/api';
import type { CommandStateChangedEvent, TreeChangedEvent } from '@dmc/shared/events';
import { getCommand, getTree, nodeValue, queueCommand } from './support/sim-helpers';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'sim-answers-secret-0123456789';
const CAMERA = `${MOIDS.dcmo}/Camera`;

let server: TestServer;
let devices = 0;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function newDevice(options: Partial<SimDeviceOptions> = {}): Promise<SimDevice> {
  devices += 1;
  const devId = `IMEI:36000000000${String(devices).padStart(4, '0')}`;
  await server.registerDevice(devId, SECRET);
  const device = new SimDevice({ devId, secret: SECRET, serverUrl: `${server.baseUrl}/dm`, ...options });
  expect((await device.runSession()).ok).toBe(true);
  return device;
}

async function session(device: SimDevice): Promise<void> {
  expect((await device.runSession()).ok).toBe(true);
  await device.whenIdle();
}

async function commandsOf(devId: string): Promise<CommandRecord[]> {
  const res = await server.api('GET', `/api/v1/devices/${encodeURIComponent(devId)}/commands`);
  return ((await res.json()) as { items: CommandRecord[] }).items;
}

async function answerPage(url: string, choice: string): Promise<void> {
  const html = await (await fetch(url)).text();
  const secret = /name="_secret" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _choice: choice, _secret: secret }).toString(),
  });
  expect(res.status).toBe(200);
}

describe('a SHOW the person answers', () => {
  it('declined: ends ok with outcome declined, in the API and in the live event', async () => {
    let opened: string | undefined;
    const device = await newDevice({
      browser: (url) => {
        opened = url;
        return Promise.resolve(true);
      },
    });
    const watcher = await server.socket();
    const events: CommandStateChangedEvent[] = [];
    watcher.on('command:state-changed', (e) => events.push(e));
    const page = { kind: 'consent', title: 'Restart?', text: 'The device restarts.' };
    const id = await queueCommand(server, device.devId, { command: ['SHOW', null], page });
    await session(device);
    expect(await getCommand(server, id)).toMatchObject({ state: 'accepted', outcome: null });

    await answerPage(opened ?? '', 'decline');
    expect(await getCommand(server, id)).toMatchObject({
      state: 'ok',
      result: { answer: 'decline' },
      outcome: 'declined',
    });
    await expect
      .poll(() => events.find((e) => e.id === id && e.state === 'ok'))
      .toMatchObject({ outcome: 'declined' });
    const listed = (await commandsOf(device.devId)).find((c) => c.id === id);
    expect(listed?.outcome).toBe('declined');
    watcher.close();
  });

  it('accepted: outcome accepted; commands that are not SHOW have none', async () => {
    let opened: string | undefined;
    const device = await newDevice({
      browser: (url) => {
        opened = url;
        return Promise.resolve(true);
      },
    });
    const show = await queueCommand(server, device.devId, {
      command: ['SHOW', null],
      page: { kind: 'consent', title: 'Go?', text: 'Go on.' },
    });
    const get = await queueCommand(server, device.devId, { command: ['GET', `${CAMERA}/Property`] });
    await session(device);
    await answerPage(opened ?? '', 'accept');
    expect(await getCommand(server, show)).toMatchObject({ state: 'ok', outcome: 'accepted' });
    expect(await getCommand(server, get)).toMatchObject({ state: 'ok', outcome: null });
  });
});

/** The server's own GET of the Camera instance (the operator's GET has a username). */
const isReadBack = (c: CommandRecord) => c.createdBy === null && c.command.join(' ') === `GET ${CAMERA}/`;

describe('reading back after an EXEC', () => {
  it('a DCMO Disable updates the stored tree by a read in the same session, once', async () => {
    const device = await newDevice();
    const watcher = await server.socket();
    const changes: TreeChangedEvent[] = [];
    watcher.on('tree:changed', (e) => changes.push(e));
    expect(await watcher.emitWithAck('device:watch', { devId: device.devId })).toMatchObject({ ok: true });
    await queueCommand(server, device.devId, { command: ['GET', `${CAMERA}/`] });
    await session(device);
    const before = await getTree(server, device.devId);
    expect(nodeValue(before, MOIDS.dcmo, 'Camera', 'Enabled')).toBe('true');

    const exec = await queueCommand(server, device.devId, {
      command: ['EXEC', `${CAMERA}/Operations/Disable`],
    });
    await session(device);
    await expect.poll(async () => (await getCommand(server, exec)).state).toBe('ok');
    // No further session was started by the test: the job session itself carried the read.
    await expect
      .poll(async () => nodeValue(await getTree(server, device.devId), MOIDS.dcmo, 'Camera', 'Enabled'))
      .toBe('false');
    const reads = (await commandsOf(device.devId)).filter(isReadBack);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ state: 'ok', createdBy: null });
    await expect
      .poll(() =>
        changes.some((e) => e.changes.some((c) => c.path.endsWith('Enabled') && c.newValue === 'false')),
      )
      .toBe(true);

    // The device delivers the same outcome again at the job URL: nothing is read a second time.
    const jobUrl = (await getCommand(server, exec)).command[2] ?? '';
    const again = await device.runSession('client', {
      url: jobUrl,
      alerts: [
        {
          AlertType: 'urn:oma:at:dcmo:1.0:OperationComplete',
          SourceURI: `${CAMERA}/Operations/Disable`,
          Data: { ResultCode: 1200 },
        },
      ],
    });
    expect(again.ok).toBe(true);
    await session(device);
    const after = (await commandsOf(device.devId)).filter(isReadBack);
    expect(after.map((c) => c.id)).toEqual(reads.map((c) => c.id));
    watcher.close();
  });

  it('a failed EXEC reads nothing back', async () => {
    const device = await newDevice();
    const exec = await queueCommand(server, device.devId, {
      command: ['EXEC', `${MOIDS.fumo}/fw/DownloadAndUpdate`],
    });
    await session(device);
    await expect.poll(async () => (await getCommand(server, exec)).state).toBe('failed');
    const reads = (await commandsOf(device.devId)).filter((c) => c.command[0] === 'GET');
    expect(reads).toEqual([]);
  });
});
