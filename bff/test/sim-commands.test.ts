// The simulator (a real DM 2.0 client) against a real BFF: every command queued through the console
// API, carried out by the device, and its outcome and the stored tree checked through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOIDS, SimDevice, type SessionSummary, type SimDeviceOptions } from '@dmc/sim';
import { apiRoutes, errorResponseSchema } from '@dmc/shared/api';
import type { CommandStateChangedEvent, TreeChangedEvent } from '@dmc/shared/events';
import {
  gate,
  getCommand,
  getDevice,
  getTree,
  listAlerts,
  nodePathsUnder,
  nodeValue,
  queueCommand,
  startFileServer,
  type FileServer,
} from './support/sim-helpers';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'sim-device-secret-0123456789';
const PKG_URL = `${MOIDS.fumo}/fw/DownloadAndUpdate/PkgURL`;
const CAMERA = `${MOIDS.dcmo}/Camera`;

let server: TestServer;
let files: FileServer;
let devices = 0;

beforeAll(async () => {
  server = await startTestServer();
  files = await startFileServer();
});
afterAll(async () => {
  await files.close();
  await server.close();
});

async function newDevice(options: Partial<SimDeviceOptions> = {}): Promise<SimDevice> {
  devices += 1;
  const devId = `IMEI:35000000000${String(devices).padStart(4, '0')}`;
  await server.registerDevice(devId, SECRET);
  return new SimDevice({ devId, secret: SECRET, serverUrl: `${server.baseUrl}/dm`, ...options });
}

/** One session that must end with END, then whatever it started in the background (job sessions, reports). */
async function session(device: SimDevice): Promise<SessionSummary> {
  const summary = await device.runSession();
  expect(summary).toMatchObject({ ok: true });
  await device.whenIdle();
  return summary;
}

const queue = (device: SimDevice, input: unknown) => queueCommand(server, device.devId, input);
const finalState = async (id: string) => (await getCommand(server, id)).state;

describe('simulator × server: reads and writes', () => {
  it('GET of a leaf and of an instance root update the stored tree and the DevInfo summary', async () => {
    const device = await newDevice();
    const leaf = await queue(device, { command: ['GET', `${MOIDS.fumo}/fw/State`] });
    await session(device);
    expect(await getCommand(server, leaf)).toMatchObject({
      state: 'ok',
      sc: 200,
      result: { Data: [{ ClientURI: `${MOIDS.fumo}/fw/State`, MOData: { State: '10' } }] },
    });
    expect(nodeValue(await getTree(server, device.devId), MOIDS.fumo, 'fw', 'State')).toBe('10');
    expect((await getDevice(server, device.devId)).devInfo.FwV).toBe('1.0.0');

    // The inventory read is done; a queued GET of the instance root brings the new values.
    device.store.setValue(MOIDS.devInfo, 'd1', 'FwV', '7.7.7');
    device.store.setValue(MOIDS.devInfo, 'd1', 'Mod', 'Sim-9');
    const root = await queue(device, { command: ['GET', `${MOIDS.devInfo}/d1/`] });
    await session(device);
    expect(await getCommand(server, root)).toMatchObject({ state: 'ok', sc: 200 });
    const tree = await getTree(server, device.devId);
    expect(nodeValue(tree, MOIDS.devInfo, 'd1', 'FwV')).toBe('7.7.7');
    expect(nodeValue(tree, MOIDS.devInfo, 'd1', 'DevID')).toBe(device.devId);
    expect((await getDevice(server, device.devId)).devInfo).toMatchObject({ FwV: '7.7.7', Mod: 'Sim-9' });
  });

  it('GET of a missing node fails with 404', async () => {
    const device = await newDevice();
    const id = await queue(device, { command: ['GET', `${MOIDS.devInfo}/d1/NoSuchNode`] });
    await session(device);
    expect(await getCommand(server, id)).toMatchObject({ state: 'failed', sc: 404, result: null });
  });

  it('HGET writes server-hosted data to a writable leaf; a read-only leaf refuses with 405', async () => {
    const device = await newDevice();
    const url = 'http://updates.example/fw/2.0.bin';
    const write = await queue(device, { command: ['HGET', null, PKG_URL], data: { PkgURL: url } });
    const refused = await queue(device, {
      command: ['HGET', null, `${MOIDS.devInfo}/d1/FwV`],
      data: { FwV: '6.6.6' },
    });
    await session(device);
    expect(await getCommand(server, write)).toMatchObject({ state: 'ok', sc: 200 });
    expect(await getCommand(server, refused)).toMatchObject({ state: 'failed', sc: 405 });
    expect(device.store.getValue(MOIDS.fumo, 'fw', 'DownloadAndUpdate/PkgURL')).toBe(url);
    expect(device.store.getValue(MOIDS.devInfo, 'd1', 'FwV')).toBe('1.0.0');
    const tree = await getTree(server, device.devId);
    expect(nodeValue(tree, MOIDS.fumo, 'fw', 'DownloadAndUpdate/PkgURL')).toBe(url);
    expect(nodeValue(tree, MOIDS.devInfo, 'd1', 'FwV')).toBe('1.0.0');
  });

  it('HGET without a ClientURI lets the device place a SCOMO download and report it in URI', async () => {
    const device = await newDevice();
    const id = await queue(device, {
      command: ['HGET', null],
      dataUri: `${MOIDS.scomo}//Download/extra`,
      data: { extra: { PkgID: 'com.acme.extra', Name: 'Extra', PkgURL: 'http://x.example/extra.pkg' } },
    });
    await session(device);
    const placed = `${MOIDS.scomo}/sw/Download/extra`;
    expect(await getCommand(server, id)).toMatchObject({ state: 'ok', sc: 200, result: { URI: [placed] } });
    expect(device.store.getValue(MOIDS.scomo, 'sw', 'Download/extra/PkgID')).toBe('com.acme.extra');
    const tree = await getTree(server, device.devId);
    expect(nodeValue(tree, MOIDS.scomo, 'sw', 'Download/extra/PkgID')).toBe('com.acme.extra');
    expect(nodeValue(tree, MOIDS.scomo, 'sw', 'Download/extra/Name')).toBe('Extra');
  });

  it('HPUT and HPOST with a null ServerURI upload subtrees that land in the tree', async () => {
    const device = await newDevice();
    const put = await queue(device, { command: ['HPUT', null, `${CAMERA}/`] });
    const post = await queue(device, { command: ['HPOST', null, `${MOIDS.sessionInfo}/s1/`] });
    await session(device);
    for (const id of [put, post]) {
      const record = await getCommand(server, id);
      expect(record).toMatchObject({ state: 'ok', sc: 200 });
      expect(record.command[1]).toMatch(new RegExp(`^${server.baseUrl}/dr/inbox/[A-Za-z0-9_-]{22,}$`));
    }
    const tree = await getTree(server, device.devId);
    expect(nodeValue(tree, MOIDS.dcmo, 'Camera', 'Property')).toBe('Camera');
    expect(nodeValue(tree, MOIDS.dcmo, 'Camera', 'Enabled')).toBe('true');
    expect(nodeValue(tree, MOIDS.sessionInfo, 's1', 'CBT')).toBe('3');
  });

  it('DELETE removes a dynamic node from device and tree; a permanent node refuses with 405', async () => {
    const device = await newDevice();
    await queue(device, {
      command: ['HGET', null, `${MOIDS.scomo}/sw/Download/tmp`],
      data: { tmp: { PkgID: 'tmp', PkgURL: 'http://x.example/tmp.pkg' } },
    });
    await session(device);
    expect(nodePathsUnder(await getTree(server, device.devId), MOIDS.scomo, 'sw', 'Download/tmp')).toContain(
      'Download/tmp/PkgID',
    );

    const dynamic = await queue(device, { command: ['DELETE', `${MOIDS.scomo}/sw/Download/tmp`] });
    const permanent = await queue(device, { command: ['DELETE', `${MOIDS.devInfo}/d1/Man`] });
    await session(device);
    expect(await getCommand(server, dynamic)).toMatchObject({ state: 'ok', sc: 200 });
    expect(await getCommand(server, permanent)).toMatchObject({ state: 'failed', sc: 405 });
    expect(device.store.childNames(MOIDS.scomo, 'sw', 'Download')).not.toContain('tmp');
    const tree = await getTree(server, device.devId);
    expect(nodePathsUnder(tree, MOIDS.scomo, 'sw', 'Download/tmp')).toEqual([]);
    expect(nodeValue(tree, MOIDS.devInfo, 'd1', 'Man')).toBe('Acme');
  });

  it('HGET and DELETE through x-names and `*` change the same stored nodes as on the device', async () => {
    const device = await newDevice();
    const download = `${MOIDS.scomo}/sw/Download`;
    for (const name of ['p1', 'p2', 'p3']) {
      await queue(device, {
        command: ['HGET', null, `${download}/${name}`],
        data: { [name]: { PkgID: `id-${name}`, PkgURL: `http://x.example/${name}` } },
      });
    }
    await session(device);
    const write = await queue(device, {
      command: ['HGET', null, `${download}/(p)/PkgURL?nv=(p)/PkgID:id-p2`],
      data: { PkgURL: 'http://x.example/p2-new' },
    });
    const byName = await queue(device, { command: ['DELETE', `${download}/(p)?nv=(p)/PkgID:id-p1`] });
    await session(device);
    expect(await getCommand(server, write)).toMatchObject({ state: 'ok', sc: 200 });
    expect(await getCommand(server, byName)).toMatchObject({ state: 'ok', sc: 200 });
    expect(device.store.childNames(MOIDS.scomo, 'sw', 'Download').sort()).toEqual(['p2', 'p3']);
    let tree = await getTree(server, device.devId);
    expect(nodeValue(tree, MOIDS.scomo, 'sw', 'Download/p2/PkgURL')).toBe('http://x.example/p2-new');
    expect(nodePathsUnder(tree, MOIDS.scomo, 'sw', 'Download/p1')).toEqual([]);

    const all = await queue(device, { command: ['DELETE', `${download}/*`] });
    await session(device);
    expect(await getCommand(server, all)).toMatchObject({ state: 'ok', sc: 200 });
    expect(device.store.childNames(MOIDS.scomo, 'sw', 'Download')).toEqual([]);
    tree = await getTree(server, device.devId);
    expect(nodePathsUnder(tree, MOIDS.scomo, 'sw', 'Download').filter((p) => p !== 'Download')).toEqual([]);
  });
});

describe('simulator × server: EXEC and its job sessions', () => {
  it('FUMO DownloadAndUpdate: 202 accepted, then ok with 200 from the job session', async () => {
    const device = await newDevice();
    const socket = await server.socket();
    const states: CommandStateChangedEvent[] = [];
    socket.on('command:state-changed', (e) => states.push(e));
    const hold = gate();
    const url = files.serve(`/fw/${device.devId}/ok.bin`, 'firmware 1.0.1', hold.promise);
    const set = await queue(device, { command: ['HGET', null, PKG_URL], data: { PkgURL: url } });
    const exec = await queue(device, { command: ['EXEC', `${MOIDS.fumo}/fw/DownloadAndUpdate`] });
    expect((await device.runSession()).ok).toBe(true);

    // The download is held back, so the outcome cannot have arrived yet.
    const accepted = await getCommand(server, exec);
    expect(accepted).toMatchObject({ state: 'accepted', sc: 202 });
    expect(accepted.command).toEqual([
      'EXEC',
      `${MOIDS.fumo}/fw/DownloadAndUpdate`,
      expect.stringMatching(new RegExp(`^${server.baseUrl}/dm/jobs/[A-Za-z0-9_-]{22,}$`)),
    ]);
    expect(await finalState(set)).toBe('ok');
    hold.open();
    await expect.poll(() => finalState(exec)).toBe('ok');
    await device.whenIdle();
    expect(await getCommand(server, exec)).toMatchObject({
      sc: 200,
      result: { resultCode: 200, sourceUri: `${MOIDS.fumo}/fw/DownloadAndUpdate` },
    });
    expect(files.requests).toContain(`/fw/${device.devId}/ok.bin`);
    expect(device.store.getValue(MOIDS.devInfo, 'd1', 'FwV')).toBe('1.0.1');
    await expect
      .poll(() => states.filter((e) => e.id === exec).map((e) => e.state))
      .toEqual(['queued', 'sent', 'accepted', 'ok']);
    // The outcome alert is stored like every other alert.
    const alerts = await listAlerts(server, device.devId);
    expect(alerts.items.map((a) => a.alertType)).toContain('urn:oma:at:fumo:1.0:OperationComplete');
  });

  it('a FUMO package that fails to install ends failed with the FUMO result code 410', async () => {
    const device = await newDevice();
    const url = files.serve(`/fw/${device.devId}/bad.bin`, 'FAIL: corrupt image');
    await queue(device, { command: ['HGET', null, PKG_URL], data: { PkgURL: url } });
    const exec = await queue(device, { command: ['EXEC', `${MOIDS.fumo}/fw/DownloadAndUpdate`] });
    await session(device);
    await expect.poll(() => finalState(exec)).toBe('failed');
    expect(await getCommand(server, exec)).toMatchObject({ sc: 410, result: { resultCode: 410 } });
    expect(device.store.getValue(MOIDS.devInfo, 'd1', 'FwV')).toBe('1.0.0');
  });

  it('DCMO Disable then Enable flip the capability (1200 counts as success)', async () => {
    const device = await newDevice();
    const disable = await queue(device, { command: ['EXEC', `${CAMERA}/Operations/Disable`] });
    await session(device);
    await expect.poll(() => finalState(disable)).toBe('ok');
    expect((await getCommand(server, disable)).sc).toBe(1200);
    expect(device.store.getValue(MOIDS.dcmo, 'Camera', 'Enabled')).toBe('false');

    const enable = await queue(device, { command: ['EXEC', `${CAMERA}/Operations/Enable`] });
    await session(device);
    await expect.poll(() => finalState(enable)).toBe('ok');
    expect((await getCommand(server, enable)).sc).toBe(1200);
    expect(device.store.getValue(MOIDS.dcmo, 'Camera', 'Enabled')).toBe('true');
  });

  it('SCOMO: installs a download created by HGET and activates a deployed component', async () => {
    const device = await newDevice();
    const url = files.serve(`/sw/${device.devId}/tool.pkg`, 'software bytes');
    await queue(device, {
      command: ['HGET', null, `${MOIDS.scomo}/sw/Download/tool`],
      data: { tool: { PkgID: 'com.acme.tool', Name: 'Tool', PkgURL: url } },
    });
    const install = await queue(device, {
      command: ['EXEC', `${MOIDS.scomo}/sw/Download/tool/Operations/DownloadInstall`],
    });
    const activate = await queue(device, {
      command: ['EXEC', `${MOIDS.scomo}/sw/Inventory/Deployed/diag/Operations/Activate`],
    });
    await session(device);
    await expect.poll(() => Promise.all([finalState(install), finalState(activate)])).toEqual(['ok', 'ok']);
    expect(await getCommand(server, install)).toMatchObject({ sc: 1200, result: { resultCode: 1200 } });
    expect((await getCommand(server, activate)).sc).toBe(1200);
    expect(device.store.getValue(MOIDS.scomo, 'sw', 'Inventory/Deployed/tool/Name')).toBe('Tool');
    expect(device.store.getValue(MOIDS.scomo, 'sw', 'Inventory/Deployed/diag/State')).toBe('20');
  });
});

describe('simulator × server: SHOW, DEFAULT, SUB and UNSUB', () => {
  it('SHOW with an explicit ServerURI opens the device browser there', async () => {
    const opened: string[] = [];
    const device = await newDevice({
      browser: (url) => {
        opened.push(url);
        return Promise.resolve(true);
      },
    });
    const page = 'https://portal.example/ui/notice-1';
    const id = await queue(device, { command: ['SHOW', page] });
    await session(device);
    expect(await getCommand(server, id)).toMatchObject({ state: 'ok', sc: 200 });
    expect(opened).toEqual([page]);
  });

  it('DEFAULT with server data makes the DR object the configuration source of the MO', async () => {
    const device = await newDevice();
    const data = { DCMO: { Property: 'Camera', Enabled: 'false' } };
    const id = await queue(device, { command: ['DEFAULT', null, MOIDS.dcmo], data });
    await session(device);
    const record = await getCommand(server, id);
    expect(record).toMatchObject({ state: 'ok', sc: 200 });
    const source = record.command[1] ?? '';
    expect(device.defaults.get(MOIDS.dcmo)).toBe(source);
    const hosted = await fetch(source);
    expect(await hosted.json()).toEqual([{ ClientURI: `${MOIDS.dcmo}//`, MOData: data }]);
  });

  it('SUB reports later changes to the DR inbox; UNSUB stops them, a second UNSUB is 404', async () => {
    const device = await newDevice();
    const socket = await server.socket();
    expect(await socket.emitWithAck('device:watch', { devId: device.devId })).toEqual({
      ok: true,
      data: null,
    });
    const reports: TreeChangedEvent[] = [];
    socket.on('tree:changed', (e) => {
      if (e.source.kind === 'report') reports.push(e);
    });
    const wifi = `${MOIDS.dcmo}/WiFi/`;
    const sub = await queue(device, { command: ['SUB', null, wifi] });
    await session(device);
    expect(await getCommand(server, sub)).toMatchObject({ state: 'ok', sc: 200 });
    expect(nodeValue(await getTree(server, device.devId), MOIDS.dcmo, 'WiFi', 'Enabled')).toBeUndefined();

    // A change on the device (here by a DCMO operation) is PUT to the SUB's inbox.
    const disable = await queue(device, { command: ['EXEC', `${wifi}Operations/Disable`] });
    await session(device);
    await expect.poll(() => finalState(disable)).toBe('ok');
    expect(nodeValue(await getTree(server, device.devId), MOIDS.dcmo, 'WiFi', 'Enabled')).toBe('false');
    await expect
      .poll(() =>
        reports.some(
          (e) =>
            e.devId === device.devId &&
            e.miid === 'WiFi' &&
            e.changes.some((c) => c.path === 'Enabled' && c.newValue === 'false'),
        ),
      )
      .toBe(true);

    const unsub = await queue(device, { command: ['UNSUB', wifi] });
    await session(device);
    expect(await getCommand(server, unsub)).toMatchObject({ state: 'ok', sc: 200 });
    const reportedBefore = reports.length;
    const enable = await queue(device, { command: ['EXEC', `${wifi}Operations/Enable`] });
    await session(device);
    await expect.poll(() => finalState(enable)).toBe('ok');
    expect(device.store.getValue(MOIDS.dcmo, 'WiFi', 'Enabled')).toBe('true');
    // No report any more: only the server's read-back after the EXEC (protocol §4) brings the value.
    expect(nodeValue(await getTree(server, device.devId), MOIDS.dcmo, 'WiFi', 'Enabled')).toBe('true');
    expect(reports.slice(reportedBefore)).toEqual([]);

    const again = await queue(device, { command: ['UNSUB', wifi] });
    await session(device);
    expect(await getCommand(server, again)).toMatchObject({ state: 'failed', sc: 404 });
  });
});

describe('simulator × server: the queue and alerts', () => {
  it('a malformed ClientURI is refused by the API with the character index', async () => {
    const device = await newDevice();
    const uri = `${MOIDS.devInfo}/d1/Bad Name`;
    const res = await server.api('POST', apiRoutes.deviceCommands(device.devId), { command: ['GET', uri] });
    expect(res.status).toBe(400);
    const body = errorResponseSchema.parse(await res.json());
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toContain(`character ${uri.indexOf(' ')}`);
    expect(body.error.details).toMatchObject({ index: uri.indexOf(' ') });
  });

  it('a cancelled command is never sent to the device', async () => {
    const device = await newDevice();
    const cancelled = await queue(device, {
      command: ['HGET', null, `${MOIDS.fumo}/fw/PkgName`],
      data: { PkgName: 'never-sent' },
    });
    const kept = await queue(device, { command: ['GET', `${MOIDS.fumo}/fw/PkgName`] });
    const res = await server.api('POST', apiRoutes.cancelCommand(cancelled));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: cancelled, state: 'cancelled' });
    // CONT, the inventory GET and the kept GET: nothing else reached the device.
    expect(await session(device)).toMatchObject({ commandsExecuted: 3 });
    expect(device.store.getValue(MOIDS.fumo, 'fw', 'PkgName')).toBe('');
    expect(await getCommand(server, cancelled)).toMatchObject({ state: 'cancelled', sc: null });
    expect(await getCommand(server, kept)).toMatchObject({ state: 'ok', sc: 200 });
    expect((await server.api('POST', apiRoutes.cancelCommand(kept))).status).toBe(409);
  });

  it('a device alert is stored and listed at /api/v1/alerts', async () => {
    const device = await newDevice();
    const summary = await device.raiseAlert({
      AlertType: 'urn:dmc:at:sim:1.0:BatteryLow',
      SourceURI: `${MOIDS.devInfo}/d1/`,
      Mark: 'minor',
      DataType: 'int',
      Data: { level: 7 },
    });
    expect(summary.ok).toBe(true);
    expect(device.pendingAlerts).toEqual([]);
    // protocol §5: every alert is stored, the session alert of the P1 too.
    const page = await listAlerts(server, device.devId);
    expect(page.items.map((a) => a.alertType).sort()).toEqual([
      'urn:dmc:at:sim:1.0:BatteryLow',
      'urn:oma:at:dm:2.0:ClientInitiatedMgmt',
    ]);
    expect(page.items.find((a) => a.alertType === 'urn:dmc:at:sim:1.0:BatteryLow')).toMatchObject({
      devId: device.devId,
      sourceUri: `${MOIDS.devInfo}/d1/`,
      mark: 'minor',
      dataType: 'int',
      data: { level: 7 },
    });
  });
});

describe('simulator × server: command expiry', () => {
  let timed: TestServer;
  let offsetMs = 0;
  beforeAll(async () => {
    timed = await startTestServer({ clock: { now: () => new Date(Date.now() + offsetMs) } });
  });
  afterAll(() => timed.close());

  it('a command whose ttlS passes expires and is never sent', async () => {
    const devId = 'sim-expiry-1';
    await timed.registerDevice(devId, SECRET);
    const device = new SimDevice({ devId, secret: SECRET, serverUrl: `${timed.baseUrl}/dm` });
    const id = await queueCommand(timed, devId, {
      command: ['HGET', null, `${MOIDS.fumo}/fw/PkgName`],
      data: { PkgName: 'too-late' },
      ttlS: 60,
    });
    expect(await timed.app.services.commands.expireDue()).toBe(0);
    offsetMs = 61_000;
    expect(await timed.app.services.commands.expireDue()).toBe(1);
    expect(await getCommand(timed, id)).toMatchObject({ state: 'expired', sc: null });
    // CONT and the inventory GET only.
    expect(await device.runSession()).toMatchObject({ ok: true, commandsExecuted: 2 });
    expect(device.store.getValue(MOIDS.fumo, 'fw', 'PkgName')).toBe('');
    expect((await getCommand(timed, id)).state).toBe('expired');
  });
});
