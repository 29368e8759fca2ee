import type { P1, P3 } from '@dmc/shared/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { SimDevice } from './device';
import { digestResponse, parseChallenges } from './http-auth';
import { MOIDS } from './mo-seed';
import {
  json,
  startTestServer,
  type RecordedRequest,
  type Reply,
  type TestServer,
} from './testing/test-server';

const P2_TYPE = 'application/vnd.oma.dm.request+json';
const SECRET = 'device-secret-0123456789';
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function p2(cmd: string[][]): Reply {
  return json({ CMD: cmd }, 200, P2_TYPE);
}

/** Server-side Digest check, written independently of the device's header builder. */
function digestOk(req: RecordedRequest): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Digest ')) return false;
  const p = parseChallenges(header)[0]!.params;
  const expected = digestResponse({
    algorithm: 'SHA-256',
    username: p.username!,
    password: SECRET,
    realm: 'dmc',
    method: req.method,
    uri: req.path,
    nonce: 'n-1',
    nc: p.nc!,
    cnonce: p.cnonce!,
    qop: 'auth',
  });
  return p.uri === req.path && p.response === expected && p.username === 'IMEI:350000000000001';
}

describe('SimDevice session against a real DM server', () => {
  it('sends P1, runs CONT / GET / HGET, posts P3 to the CONT URL and stops at END', async () => {
    const challenge = {
      status: 401,
      headers: {
        'WWW-Authenticate':
          'Digest realm="dmc", qop="auth", algorithm=SHA-256, nonce="n-1", Basic realm="dmc"',
      },
    };
    server = await startTestServer((req) => {
      const base = server!.url;
      if (req.path === '/dr/objects/1') return json({ MOData: { PkgName: 'fw-2' } });
      if (!digestOk(req)) return challenge;
      if (req.path === '/dm') {
        return p2([
          ['CONT', `${base}/dm/s/tok1`],
          ['GET', `${MOIDS.devInfo}/d1/`],
          ['HGET', `${base}/dr/objects/1`, `${MOIDS.fumo}/fw/PkgName`],
        ]);
      }
      if (req.path === '/dm/s/tok1') return p2([['END']]);
      return { status: 404 };
    });
    const device = new SimDevice({
      devId: 'IMEI:350000000000001',
      secret: SECRET,
      serverUrl: `${server.url}/dm`,
      auth: 'digest',
      profile: { manufacturer: 'Northwind', fwVersion: '1.2.3' },
    });
    device.queueAlert({ AlertType: 'urn:dmc:at:sim:1.0:BatteryLow', Mark: 'minor' });
    const summary = await device.runSession();
    expect(summary).toEqual({ ok: true, packages: 2, commandsExecuted: 3 });

    const dm = server.requests.filter((r) => r.path.startsWith('/dm'));
    expect(dm.map((r) => `${r.path} ${r.headers.authorization === undefined ? 'anon' : 'auth'}`)).toEqual([
      '/dm anon',
      '/dm auth',
      '/dm/s/tok1 auth',
    ]);
    const p1Request = dm[1]!;
    expect(p1Request.headers['content-type']).toBe('application/vnd.oma.dm.initiation+json');
    expect(p1Request.headers.accept).toBe(P2_TYPE);
    expect(p1Request.headers['omadm-devid']).toBe('IMEI:350000000000001');
    const p1 = JSON.parse(p1Request.body) as P1;
    expect(p1.Alert).toEqual([
      { AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' },
      { AlertType: 'urn:dmc:at:sim:1.0:BatteryLow', Mark: 'minor' },
    ]);
    expect(p1.MOS).toContainEqual({ MOID: MOIDS.devInfo, MIID: ['d1'] });
    expect(p1.MOS).toContainEqual({ MOID: MOIDS.dcmo, MIID: ['Camera', 'WiFi'] });

    const p3Request = dm[2]!;
    expect(p3Request.headers['content-type']).toBe('application/vnd.oma.dm.response+json');
    expect(p3Request.headers['omadm-devid']).toBe('IMEI:350000000000001');
    expect(p3Request.headers.authorization).toContain('nc=00000002');
    const p3 = JSON.parse(p3Request.body) as P3;
    expect(p3.Alert).toBeUndefined();
    expect(p3.Status).toHaveLength(3);
    expect(p3.Status[0]).toEqual({ sc: 200 });
    expect(p3.Status[1]!.sc).toBe(200);
    expect(p3.Status[1]!.Data![0]!.ClientURI).toBe(`${MOIDS.devInfo}/d1/`);
    expect(p3.Status[1]!.Data![0]!.MOData).toMatchObject({ DevInfo: { Man: 'Northwind', FwV: '1.2.3' } });
    expect(p3.Status[2]).toEqual({ sc: 200 });
    expect(device.store.getValue(MOIDS.fumo, 'fw', 'PkgName')).toBe('fw-2');
  });

  it('gives up after one answered challenge and aborts on HTTP 4xx, keeping its alerts', async () => {
    server = await startTestServer(() => ({
      status: 401,
      headers: { 'WWW-Authenticate': 'Basic realm="dmc"' },
    }));
    const device = new SimDevice({ devId: 'sim-0001', secret: SECRET, serverUrl: `${server.url}/dm` });
    const summary = await device.raiseAlert({
      AlertType: 'urn:dmc:at:sim:1.0:StorageFull',
      Mark: 'critical',
    });
    expect(summary).toMatchObject({
      ok: false,
      packages: 1,
      commandsExecuted: 0,
      error: expect.stringContaining('401'),
    });
    expect(server.requests).toHaveLength(2);
    expect(device.pendingAlerts.map((a) => a.AlertType)).toEqual(['urn:dmc:at:sim:1.0:StorageFull']);
  });

  it('aborts on a P2 that is not a valid package', async () => {
    server = await startTestServer(() => json({ commands: [] }, 200, P2_TYPE));
    const device = new SimDevice({ devId: 'sim-0001', secret: SECRET, serverUrl: `${server.url}/dm` });
    expect(await device.runSession()).toMatchObject({ ok: false, error: 'the P2 is not a valid package' });
  });

  it('reports an async FUMO update in a new session at the EXEC ServerURI', async () => {
    server = await startTestServer((req) => {
      const base = server!.url;
      if (req.path === '/fw.bin') return { status: 200, body: Buffer.from('image') };
      if (req.path === '/dm') {
        return p2([['EXEC', `${MOIDS.fumo}/fw/DownloadAndUpdate`, `${base}/dm/jobs/j1`], ['END']]);
      }
      if (req.path === '/dm/jobs/j1') return p2([['END']]);
      return { status: 404 };
    });
    const device = new SimDevice({ devId: 'sim-0002', secret: SECRET, serverUrl: `${server.url}/dm` });
    device.store.setValue(MOIDS.fumo, 'fw', 'DownloadAndUpdate/PkgURL', `${server.url}/fw.bin`);
    expect(await device.runSession()).toEqual({ ok: true, packages: 1, commandsExecuted: 1 });
    await device.whenIdle();
    const job = server.requests.find((r) => r.path === '/dm/jobs/j1')!;
    expect(job.headers['content-type']).toBe('application/vnd.oma.dm.initiation+json');
    expect((JSON.parse(job.body) as P1).Alert).toEqual([
      { AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' },
      {
        AlertType: 'urn:oma:at:fumo:1.0:OperationComplete',
        SourceURI: `${MOIDS.fumo}/fw/DownloadAndUpdate`,
        Mark: 'informational',
        DataType: 'int',
        Data: { ResultCode: 200, DM1x: 200 },
      },
    ]);
    expect(device.store.getValue(MOIDS.fumo, 'fw', 'State')).toBe('100');
    expect(server.requests.map((r) => r.path)).toEqual(['/dm', '/fw.bin', '/dm/jobs/j1']);
  });

  it.each([
    [false, '3.1.0'],
    [true, '1.0.0'],
  ])('after a successful FUMO update (firmwareLies %s) reports FwV %s', async (lies, reported) => {
    server = await startTestServer((req) => {
      const base = server!.url;
      if (req.path === '/fw.bin') return { status: 200, body: Buffer.from('image') };
      if (req.path === '/dm') {
        return p2([['EXEC', `${MOIDS.fumo}/fw/DownloadAndUpdate`, `${base}/dm/jobs/j1`], ['END']]);
      }
      if (req.path === '/dm/jobs/j1') return p2([['END']]);
      return { status: 404 };
    });
    const device = new SimDevice({
      devId: 'sim-0003',
      secret: SECRET,
      serverUrl: `${server.url}/dm`,
      profile: { fwVersion: '1.0.0' },
      firmwareLies: lies,
    });
    device.store.setValue(MOIDS.fumo, 'fw', 'PkgVersion', '3.1.0');
    device.store.setValue(MOIDS.fumo, 'fw', 'DownloadAndUpdate/PkgURL', `${server.url}/fw.bin`);
    expect((await device.runSession()).ok).toBe(true);
    await device.whenIdle();
    expect(device.store.getValue(MOIDS.fumo, 'fw', 'State')).toBe('100');
    expect(device.store.getValue(MOIDS.devInfo, 'd1', 'FwV')).toBe(reported);
  });
});
