import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args';
import { createFleet } from './fleet';
import { deviceIdentity } from './identity';
import { json, startTestServer, type TestServer } from './testing/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('deviceIdentity', () => {
  it('gives distinct, stable ids and secrets without ":"', () => {
    expect(deviceIdentity('IMEI', 1).devId).toBe('IMEI:350000000000001');
    expect(deviceIdentity('sim', 7).devId).toBe('sim-0007');
    expect(deviceIdentity('sim', 7)).toEqual(deviceIdentity('sim', 7));
    expect(deviceIdentity('sim', 7).secret).not.toBe(deviceIdentity('sim', 8).secret);
    expect(deviceIdentity('sim', 7).secret).toMatch(/^[^:\s]{16,}$/);
  });
});

describe('createFleet', () => {
  it('registers every device, runs one session each with bounded concurrency and sums up', async () => {
    let active = 0;
    let peak = 0;
    const registered: unknown[] = [];
    server = await startTestServer(async (req) => {
      if (req.path === '/api/v1/devices') {
        registered.push({ auth: req.headers.authorization, body: JSON.parse(req.body) as unknown });
        return { status: registered.length === 1 ? 409 : 201 };
      }
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setImmediate(resolve));
      active -= 1;
      return json({ CMD: [['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//FwV'], ['END']] });
    });
    const fleet = createFleet({
      devices: 5,
      serverUrl: `${server.url}/dm`,
      concurrency: 2,
      register: { apiUrl: server.url, token: 't0k' },
    });
    const devIds = fleet.devices.map((d) => d.devId);
    expect(new Set(devIds).size).toBe(5);
    const round = await fleet.runOnce();
    expect(round).toEqual({ sessionsOk: 5, sessionsFailed: 0, commandsExecuted: 5 });
    expect(fleet.summary()).toEqual(round);
    expect(peak).toBeLessThanOrEqual(2);
    expect(registered).toHaveLength(5);
    expect(registered[0]).toMatchObject({ auth: 'Bearer t0k', body: { labels: ['sim'] } });
    const models = fleet.devices.map((d) => d.store.getValue('urn:oma:mo:oma-dm-devinfo:1.0', 'd1', 'Mod'));
    expect(
      createFleet({ devices: 5, serverUrl: 'http://x/dm' }).devices.map((d) =>
        d.store.getValue('urn:oma:mo:oma-dm-devinfo:1.0', 'd1', 'Mod'),
      ),
    ).toEqual(models);
  });

  it('marks the devices whose firmware lies', () => {
    const fleet = createFleet({
      devices: 3,
      serverUrl: 'http://127.0.0.1:1/dm',
      firmwareLies: (_devId, index) => index === 1,
    });
    expect(fleet.devices.map((d) => d.firmwareLies)).toEqual([false, true, false]);
  });

  it('counts failed sessions', async () => {
    server = await startTestServer(() => ({ status: 500 }));
    const fleet = createFleet({ devices: 2, serverUrl: `${server.url}/dm` });
    expect(await fleet.runOnce()).toEqual({ sessionsOk: 0, sessionsFailed: 2, commandsExecuted: 0 });
  });
});

describe('parseCliArgs', () => {
  it('parses the documented options', () => {
    const r = parseCliArgs([
      '--devices',
      '10',
      '--server=http://localhost:8080',
      '--auth',
      'digest',
      '--register',
      '--user',
      'admin',
      '--password',
      'pw',
    ]);
    expect(r).toMatchObject({
      ok: true,
      value: { devices: 10, server: 'http://localhost:8080', auth: 'digest', register: true },
    });
  });
  it('explains a bad argument', () => {
    expect(parseCliArgs(['--devices', 'x', '--server', 'http://h'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('--devices'),
    });
    expect(parseCliArgs(['--server', 'ftp://h'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('--server'),
    });
    expect(parseCliArgs(['--server', 'http://h', '--bogus', '1'])).toMatchObject({
      ok: false,
      error: 'unknown option --bogus',
    });
    expect(parseCliArgs(['--server', 'http://h', '--register'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('--user'),
    });
  });
});
