// A fleet of simulated devices against one BFF: every device gets its command exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleet, MOIDS, type Fleet } from '@dmc/sim';
import { apiRoutes, devicePageSchema } from '@dmc/shared/api';
import type { CommandStateChangedEvent } from '@dmc/shared/events';
import { getCommand, queueCommand } from './support/sim-helpers';
import { startTestServer, type TestServer } from './support/test-server';

const DEVICES = 200;
const DEV_ID = `${MOIDS.devInfo}/d1/DevID`;

describe('a fleet of 200 simulated devices', () => {
  let server: TestServer;
  let fleet: Fleet;

  beforeAll(async () => {
    server = await startTestServer();
    fleet = createFleet({
      devices: DEVICES,
      serverUrl: `${server.baseUrl}/dm`,
      register: { apiUrl: server.baseUrl, token: server.adminToken },
      concurrency: 32,
      seed: 7,
    });
  });
  afterAll(async () => {
    await fleet.stop();
    await server.close();
  });

  it('registers and inventories every device in one round', async () => {
    expect(await fleet.runOnce()).toEqual({
      sessionsOk: DEVICES,
      sessionsFailed: 0,
      // CONT and the inventory GET of DevInfo per device.
      commandsExecuted: 2 * DEVICES,
    });
    const res = await server.api('GET', `${apiRoutes.devices}?label=sim&limit=500`);
    const page = devicePageSchema.parse(await res.json());
    expect(page.total).toBe(DEVICES);
    expect(page.items.every((d) => d.devInfo.Man !== null && d.devInfo.FwV !== null)).toBe(true);
  });

  it('delivers one queued GET per device exactly once, and each one ends ok', async () => {
    const socket = await server.socket();
    const events = new Map<string, CommandStateChangedEvent['state'][]>();
    socket.on('command:state-changed', (e) => events.set(e.id, [...(events.get(e.id) ?? []), e.state]));
    const queued = await Promise.all(
      fleet.devices.map(async (d) => ({
        devId: d.devId,
        id: await queueCommand(server, d.devId, { command: ['GET', DEV_ID] }),
      })),
    );

    // The device side counts what it ran: CONT and the one GET per device, nothing twice.
    expect(await fleet.runOnce()).toEqual({
      sessionsOk: DEVICES,
      sessionsFailed: 0,
      commandsExecuted: 2 * DEVICES,
    });

    const records = await Promise.all(queued.map(({ id }) => getCommand(server, id)));
    for (const [i, record] of records.entries()) {
      const devId = queued[i]?.devId;
      expect(record).toMatchObject({ devId, state: 'ok', sc: 200 });
      // Each answer came from the device the command was queued for.
      expect(record.result).toMatchObject({ Data: [{ MOData: { DevID: devId } }] });
    }
    // The server side: each command went queued → sent → ok, once each.
    await expect.poll(() => queued.filter(({ id }) => events.get(id)?.includes('ok')).length).toBe(DEVICES);
    for (const { id } of queued) expect(events.get(id)).toEqual(['queued', 'sent', 'ok']);
  });

  it('runs one EXEC per device; every outcome comes back in its own job session', async () => {
    const camera = `${MOIDS.dcmo}/Camera`;
    const ids = await Promise.all(
      fleet.devices.map((d) =>
        queueCommand(server, d.devId, { command: ['EXEC', `${camera}/Operations/Disable`] }),
      ),
    );
    // runOnce also waits for the job sessions that deliver the outcomes.
    expect(await fleet.runOnce()).toMatchObject({ sessionsOk: DEVICES, sessionsFailed: 0 });
    const records = await Promise.all(ids.map((id) => getCommand(server, id)));
    expect(records.filter((r) => r.state === 'ok' && r.sc === 1200)).toHaveLength(DEVICES);
    expect(fleet.devices.every((d) => d.store.getValue(MOIDS.dcmo, 'Camera', 'Enabled') === 'false')).toBe(
      true,
    );
  });
});

describe('a fleet authenticating with HTTP Digest', () => {
  let server: TestServer;
  let fleet: Fleet;

  beforeAll(async () => {
    server = await startTestServer();
    fleet = createFleet({
      devices: 100,
      serverUrl: `${server.baseUrl}/dm`,
      prefix: 'IMEI',
      register: { apiUrl: server.baseUrl, token: server.adminToken },
      concurrency: 32,
      auth: 'digest',
    });
  });
  afterAll(async () => {
    await fleet.stop();
    await server.close();
  });

  it('every device answers its own challenge, even when many are challenged at once', async () => {
    // Each P1 is challenged (401) and answered; the P3 reuses the nonce with the next count.
    expect(await fleet.runOnce()).toEqual({ sessionsOk: 100, sessionsFailed: 0, commandsExecuted: 200 });
  });
});
