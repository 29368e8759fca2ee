// Lockstep: a scripted device sends exactly the packages each step needs, through real HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../src/domain/ports';
import { LockstepDevice, postPackage } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'lockstep-secret-0123456789';
const FUMO = 'urn:oma:mo:oma-fumo:1.0';

describe('lockstep DM sessions', () => {
  let server: TestServer;
  let offsetMs: number;
  let device: LockstepDevice;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

  beforeEach(async () => {
    offsetMs = 0;
    server = await startTestServer({ clock, settings: { maxCommandsPerPackage: 2 } });
    await server.registerDevice('lock-1', SECRET);
    device = new LockstepDevice(server.baseUrl, 'lock-1', SECRET);
    // First session: inventory, so later P2s carry only what the test queues.
    await device.p1();
    await device.p3({ Status: [{ sc: 200 }, { sc: 200, Data: device.devInfoData() }] });
  });
  afterEach(async () => {
    await server.close();
  });

  async function queue(body: unknown): Promise<string> {
    const res = await server.api('POST', '/api/v1/devices/lock-1/commands', body);
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  async function command(id: string) {
    return (await (await server.api('GET', `/api/v1/commands/${id}`)).json()) as {
      state: string;
      sc: number | null;
      scMeaning: string | null;
      result: unknown;
      command: string[];
    };
  }
  async function nextCommands(): Promise<string[][]> {
    const p2 = await device.p1();
    expect(p2.status).toBe(200);
    return (p2.body as { CMD: string[][] }).CMD.slice(1);
  }

  it('EXEC carries the job URL; 202 → accepted; the outcome alert at the job URL → ok', async () => {
    const id = await queue({ command: ['EXEC', `${FUMO}/fw/DownloadAndUpdate`] });
    const [exec] = await nextCommands();
    expect(exec?.[0]).toBe('EXEC');
    const jobUrl = exec?.[2] ?? '';
    expect(jobUrl).toMatch(new RegExp(`^${server.baseUrl}/dm/jobs/[A-Za-z0-9_-]{22,}$`));
    await device.p3({ Status: [{ sc: 200 }, { sc: 202 }] });
    expect(await command(id)).toMatchObject({ state: 'accepted', sc: 202 });

    const outcome = {
      Alert: [
        { AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' },
        {
          AlertType: 'urn:oma:at:fumo:1.0:OperationComplete',
          SourceURI: `${FUMO}/fw/DownloadAndUpdate`,
          DataType: 'int',
          Data: { DM1x: 200 },
        },
      ],
    };
    const job = await postPackage(jobUrl, outcome, {
      kind: 'initiation',
      devId: 'lock-1',
      authorization: device.auth,
    });
    expect(job.status).toBe(200);
    expect((job.body as { CMD: string[][] }).CMD[0]?.[0]).toBe('CONT');
    expect(await command(id)).toMatchObject({ state: 'ok', sc: 200, result: { resultCode: 200 } });
    const alerts = (await (await server.api('GET', '/api/v1/alerts?devId=lock-1')).json()) as {
      items: unknown[];
    };
    expect(alerts.items).toContainEqual(
      expect.objectContaining({ alertType: 'urn:oma:at:fumo:1.0:OperationComplete' }),
    );
  });

  it('an EXEC outcome 410 marks the command failed with its meaning', async () => {
    const id = await queue({ command: ['EXEC', `${FUMO}/fw/DownloadAndUpdate`] });
    const [exec] = await nextCommands();
    await device.p3({ Status: [{ sc: 200 }, { sc: 202 }] });
    const alert = { AlertType: 'urn:oma:at:fumo:1.0:OperationComplete', Data: { ResultCode: 410 } };
    await postPackage(
      exec?.[2] ?? '',
      { Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }, alert] },
      {
        kind: 'initiation',
        devId: 'lock-1',
        authorization: device.auth,
      },
    );
    const failed = await command(id);
    expect(failed).toMatchObject({ state: 'failed', sc: 410 });
    expect(JSON.stringify(failed.result)).toMatch(/[Uu]pdate failed/);
  });

  it('a job URL is 404 when unknown and 403 for another device', async () => {
    await queue({ command: ['EXEC', `${FUMO}/fw/Update`] });
    const [exec] = await nextCommands();
    const p1 = { Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }] };
    const unknown = await postPackage(`${server.baseUrl}/dm/jobs/nope`, p1, {
      kind: 'initiation',
      devId: 'lock-1',
      authorization: device.auth,
    });
    expect(unknown.status).toBe(404);
    await server.registerDevice('lock-2', SECRET);
    const other = new LockstepDevice(server.baseUrl, 'lock-2', SECRET);
    const foreign = await postPackage(exec?.[2] ?? '', p1, {
      kind: 'initiation',
      devId: 'lock-2',
      authorization: other.auth,
    });
    expect(foreign.status).toBe(403);
  });

  it('HGET writes go through a hosted DR object and reach the tree once acknowledged', async () => {
    const target = `${FUMO}/fw/DownloadAndUpdate/PkgURL`;
    const id = await queue({
      command: ['HGET', null, target],
      data: { PkgURL: 'http://fw.example.test/p.bin' },
    });
    const [hget] = await nextCommands();
    expect(hget?.[2]).toBe(target);
    const objectUrl = hget?.[1] ?? '';
    expect(objectUrl).toMatch(new RegExp(`^${server.baseUrl}/dr/objects/[A-Za-z0-9_-]{22,}$`));

    const fetched = await fetch(objectUrl);
    expect(fetched.headers.get('content-type')).toContain('application/vnd.oma.dm.mo+json');
    expect(await fetched.json()).toEqual([
      { ClientURI: target, MOData: { PkgURL: 'http://fw.example.test/p.bin' } },
    ]);
    const etag = fetched.headers.get('etag') ?? '';
    expect((await fetch(objectUrl, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(objectUrl, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/dr/objects/unknown`)).status).toBe(404);

    await device.p3({ Status: [{ sc: 200 }, { sc: 200 }] });
    expect(await command(id)).toMatchObject({ state: 'ok', sc: 200 });
    const tree = JSON.stringify(await (await server.api('GET', '/api/v1/devices/lock-1/tree')).json());
    expect(tree).toContain('http://fw.example.test/p.bin');
  });

  it('HPUT uploads land in the tree through the DR inbox; bad uploads are refused', async () => {
    await queue({ command: ['HPUT', null, 'urn:oma:mo:oma-dm-devinfo:1.0/d1/'] });
    const [hput] = await nextCommands();
    const inbox = hput?.[1] ?? '';
    expect(inbox).toMatch(new RegExp(`^${server.baseUrl}/dr/inbox/`));
    const upload = (body: string, type = 'application/vnd.oma.dm.mo+json') =>
      fetch(inbox, { method: 'PUT', headers: { 'content-type': type }, body });
    const wrongType = await upload('{}', 'text/plain');
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers.get('omadm-accept')).toContain('application/vnd.oma.dm.mo+json');
    expect((await upload('{not json')).status).toBe(400);
    const data = device.devInfoData({ FwV: '9.9.9' });
    expect((await upload(JSON.stringify(data))).status).toBe(200);
    expect(
      (
        await fetch(`${server.baseUrl}/dr/inbox/unknown`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: '[]',
        })
      ).status,
    ).toBe(404);
    const view = (await (await server.api('GET', '/api/v1/devices/lock-1')).json()) as {
      devInfo: { FwV: string };
    };
    expect(view.devInfo.FwV).toBe('9.9.9');
  });

  it('sends at most DMC_MAX_COMMANDS_PER_PACKAGE queued commands per P2, in queue order', async () => {
    const ids = [];
    for (const node of ['Man', 'Mod', 'FwV']) {
      ids.push(await queue({ command: ['GET', `urn:oma:mo:oma-dm-devinfo:1.0/d1/${node}`] }));
    }
    const first = await nextCommands();
    expect(first.map((c) => c[1])).toEqual([
      'urn:oma:mo:oma-dm-devinfo:1.0/d1/Man',
      'urn:oma:mo:oma-dm-devinfo:1.0/d1/Mod',
    ]);
    const second = await device.p3({ Status: [{ sc: 200 }, { sc: 200 }, { sc: 200 }] });
    expect((second.body as { CMD: string[][] }).CMD).toEqual([
      ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/FwV'],
    ]);
    const end = await device.p3({ Status: [{ sc: 404 }] });
    expect(end.body).toEqual({ CMD: [['END']] });
    expect((await command(ids[2] ?? '')).state).toBe('failed');
    expect((await command(ids[2] ?? '')).scMeaning).toMatch(/Not found/);
  });

  it('an abandoned session is closed after DMC_SESSION_IDLE_S and its commands are re-queued', async () => {
    const id = await queue({ command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/Man'] });
    await nextCommands();
    expect((await command(id)).state).toBe('sent');
    offsetMs = 301_000;
    expect(await server.app.services.dm.expireIdle()).toBe(1);
    expect((await command(id)).state).toBe('queued');
    expect((await device.p3({ Status: [{ sc: 200 }, { sc: 200 }] })).status).toBe(404);
  });

  it('cancels a queued command, refuses to cancel it twice, and expires one past its TTL', async () => {
    const cancelled = await queue({ command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/Man'] });
    expect((await server.api('POST', `/api/v1/commands/${cancelled}/cancel`)).status).toBe(200);
    expect((await server.api('POST', `/api/v1/commands/${cancelled}/cancel`)).status).toBe(409);
    const short = await queue({ command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/Mod'], ttlS: 60 });
    offsetMs = 61_000;
    expect(await server.app.services.commands.expireDue()).toBe(1);
    expect((await command(short)).state).toBe('expired');
    expect(await nextCommands()).toEqual([['END']]);
    expect((await command(cancelled)).state).toBe('cancelled');
  });

  it('stores every alert from P1 and P3, unknown types included', async () => {
    const p1 = {
      Alert: [
        { AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' },
        { AlertType: 'com.example.vendor.thermal', Mark: 'critical', Data: { celsius: 91 } },
      ],
    };
    const p2 = await device.p1(p1);
    expect(p2.status).toBe(200);
    const page = (await (await server.api('GET', '/api/v1/alerts?devId=lock-1&mark=critical')).json()) as {
      items: { alertType: string; data: unknown }[];
    };
    expect(page.items).toEqual([
      expect.objectContaining({ alertType: 'com.example.vendor.thermal', data: { celsius: 91 } }),
    ]);
  });

  it('takes the push URL the device reports in DMAcc Push/Ext/HTTP/URI', async () => {
    await queue({ command: ['GET', 'urn:oma:mo:oma-dm-dmacc:1.2/dmc/'] });
    await nextCommands();
    const data = [
      {
        ClientURI: 'urn:oma:mo:oma-dm-dmacc:1.2/dmc/',
        MOData: { DMAcc: { SrvID: 'dmc', Push: { Ext: { HTTP: { URI: 'http://127.0.0.1:9/push' } } } } },
      },
    ];
    await device.p3({ Status: [{ sc: 200 }, { sc: 200, Data: data }] });
    const view = (await (await server.api('GET', '/api/v1/devices/lock-1')).json()) as {
      pushUrl: string | null;
    };
    expect(view.pushUrl).toBe('http://127.0.0.1:9/push');
  });

  it('refuses a malformed ClientURI at queue time, naming the character', async () => {
    const res = await server.api('POST', '/api/v1/devices/lock-1/commands', {
      command: ['GET', 'urn:oma:mo:x:1.0'],
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { index: expect.any(Number) } },
    });
  });
});
