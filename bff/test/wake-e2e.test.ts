// Queue work for a sleeping device: the server wakes it with a P0, the device verifies it and opens a
// ServerInitiatedMgmt session, and the command completes — real HTTP all the way.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFleet, type Fleet } from '@dmc/sim';
import { startTestServer, type TestServer } from './support/test-server';

describe('waking a simulated device for queued work', () => {
  let server: TestServer;
  let fleet: Fleet;

  beforeEach(async () => {
    server = await startTestServer();
    fleet = createFleet({
      devices: 3,
      prefix: 'wake',
      serverUrl: `${server.baseUrl}/dm`,
      register: { apiUrl: server.baseUrl, token: server.adminToken },
      push: { notifySecrets: true },
    });
    await fleet.ready();
    // One round registers the devices and reads their inventory; after it they sleep (no interval).
    const first = await fleet.runOnce();
    expect(first.sessionsFailed).toBe(0);
  });
  afterEach(async () => {
    await fleet.stop();
    await server.close();
  });

  it('delivers a queued command through P0 → session, with one P0 for a burst of work', async () => {
    const ids: string[] = [];
    for (const node of ['Man', 'Mod', 'FwV']) {
      const res = await server.api('POST', '/api/v1/devices/wake-0002/commands', {
        command: ['GET', `urn:oma:mo:oma-dm-devinfo:1.0//${node}`],
      });
      ids.push(((await res.json()) as { id: string }).id);
    }
    const state = async (id: string) =>
      ((await (await server.api('GET', `/api/v1/commands/${id}`)).json()) as { state: string }).state;
    await expect
      .poll(async () => {
        await server.app.services.notifications.dispatchDue();
        return Promise.all(ids.map(state));
      })
      .toEqual(['ok', 'ok', 'ok']);
    const list = (await (await server.api('GET', '/api/v1/devices/wake-0002/notifications')).json()) as {
      items: { state: string; attempts: number }[];
    };
    expect(list.items).toEqual([expect.objectContaining({ state: 'answered', attempts: 1 })]);
    const device = fleet.devices.find((d) => d.devId === 'wake-0002');
    expect(device?.notificationStats.accepted).toBe(1);
    // The other devices were not woken.
    expect(fleet.devices.filter((d) => d.notificationStats.accepted > 0)).toHaveLength(1);
  });

  it('a device ignores a P0 signed with the wrong secret (401) and is not woken', async () => {
    const wrong = await server.api('POST', '/api/v1/devices', {
      devId: 'stranger',
      secret: 'stranger-secret-0123456789',
      pushUrl: fleet.push?.url('wake-0003'),
    });
    expect(wrong.status).toBe(201);
    const res = await server.api('POST', '/api/v1/devices/stranger/notify');
    const record = (await res.json()) as { state: string; lastError: string | null };
    expect(record.state).toBe('pending');
    expect(record.lastError).toMatch(/401|404/);
    expect(fleet.devices.find((d) => d.devId === 'wake-0003')?.notificationStats.accepted).toBe(0);
  });
});
