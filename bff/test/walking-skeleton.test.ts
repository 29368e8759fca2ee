import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceUpdatedEvent } from '@dmc/shared/events';
import { LockstepDevice } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'device-secret-0123456789';

describe('walking skeleton: a device completes a DM session and shows up live', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('reads DevInfo after CONT, stores it, ends the session and tells consoles', async () => {
    const devId = 'IMEI:356938035643809';
    await server.registerDevice(devId, SECRET);
    const socket = await server.socket();
    const updates: DeviceUpdatedEvent[] = [];
    socket.on('device:updated', (e) => updates.push(e));

    const device = new LockstepDevice(server.baseUrl, devId, SECRET);
    const p2 = await device.p1();
    expect(p2.status).toBe(200);
    expect(p2.headers.get('content-type')).toContain('application/vnd.oma.dm.request+json');
    const cmds = (p2.body as { CMD: string[][] }).CMD;
    expect(cmds[0]?.[0]).toBe('CONT');
    expect(cmds[0]?.[1]).toMatch(new RegExp(`^${server.baseUrl}/dm/s/[A-Za-z0-9_-]{22,}$`));
    expect(cmds[1]).toEqual(['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/']);
    expect(cmds).toHaveLength(2);

    const end = await device.p3({ Status: [{ sc: 200 }, { sc: 200, Data: device.devInfoData() }] });
    expect(end.status).toBe(200);
    expect(end.body).toEqual({ CMD: [['END']] });

    const res = await server.api('GET', `/api/v1/devices/${encodeURIComponent(devId)}`);
    const stored = (await res.json()) as {
      online: boolean;
      devInfo: Record<string, string>;
      lastSeenAt: string;
    };
    expect(stored.online).toBe(true);
    expect(stored.devInfo).toMatchObject({ Man: 'Acme', Mod: 'Sim-1', FwV: '1.4.2', HwV: 'B' });

    const tree = (await (
      await server.api('GET', `/api/v1/devices/${encodeURIComponent(devId)}/tree`)
    ).json()) as {
      instances: {
        moid: string;
        miid: string;
        nodes: { path: string; value: string | null; meta: unknown }[];
      }[];
    };
    const devInfo = tree.instances.find((i) => i.miid === 'd1');
    expect(devInfo?.nodes.find((n) => n.path === 'FwV')).toMatchObject({ value: '1.4.2' });
    expect(devInfo?.nodes.find((n) => n.path === 'FwV')?.meta).toMatchObject({ Format: 'chr' });

    await expect
      .poll(() => updates.some((u) => u.device.devId === devId && u.device.devInfo.Mod === 'Sim-1'))
      .toBe(true);
  });

  it('skips the inventory read while the stored DevInfo is fresh', async () => {
    const devId = 'sim-fresh';
    await server.registerDevice(devId, SECRET);
    const device = new LockstepDevice(server.baseUrl, devId, SECRET);
    await device.p1();
    await device.p3({ Status: [{ sc: 200 }, { sc: 200, Data: device.devInfoData() }] });
    const second = await device.p1();
    expect((second.body as { CMD: string[][] }).CMD).toEqual([['CONT', device.contUrl], ['END']]);
  });
});
