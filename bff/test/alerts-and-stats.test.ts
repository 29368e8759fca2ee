// Alerts from a real simulated device: acknowledge them over the API, see every console told, and
// read the dashboard's aggregates change as devices contact.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimDevice } from '@dmc/sim';
import {
  alertListSchema,
  alertPageSchema,
  alertRecordSchema,
  apiRoutes,
  fleetStatsSchema,
  type FleetStats,
} from '@dmc/shared/api';
import type { AlertAcknowledgedEvent, AlertReceivedEvent } from '@dmc/shared/events';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'device-secret-0123456789';

describe('alert acknowledgement and fleet stats', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  async function device(devId: string, fwVersion: string): Promise<SimDevice> {
    await server.registerDevice(devId, SECRET);
    return new SimDevice({
      devId,
      secret: SECRET,
      serverUrl: `${server.baseUrl}/dm`,
      profile: { manufacturer: 'Acme', model: 'Sim-1', fwVersion },
    });
  }

  async function stats(): Promise<FleetStats> {
    const res = await server.api('GET', apiRoutes.stats);
    expect(res.status).toBe(200);
    return fleetStatsSchema.parse(await res.json());
  }

  async function userToken(username: string, role: string): Promise<string> {
    const res = await server.api('POST', apiRoutes.users, { username, password: 'long-password-1', role });
    expect(res.status).toBe(201);
    return server.login(username, 'long-password-1');
  }

  it('a critical alert is open until acknowledged, once, and every console hears of it', async () => {
    const sim = await device('IMEI:100000000000001', '1.0');
    const watcher = await server.socket();
    const received: AlertReceivedEvent[] = [];
    const acknowledged: AlertAcknowledgedEvent[] = [];
    watcher.on('alert:received', (e) => {
      // Every P1's session alert is stored and announced too (protocol §5); these tests look past it.
      if (e.alert.alertType.startsWith('urn:dmc:')) received.push(e);
    });
    watcher.on('alert:acknowledged', (e) => acknowledged.push(e));

    await sim.raiseAlert({ AlertType: 'urn:dmc:at:test:1.0:Overheat', Mark: 'critical', Data: { C: 90 } });
    await sim.raiseAlert({ AlertType: 'urn:dmc:at:test:1.0:Note', Mark: 'informational' });
    await expect.poll(() => received.length).toBe(2);
    const critical = received[0]?.alert;
    expect(critical).toMatchObject({ mark: 'critical', acknowledgedAt: null, acknowledgedBy: null });

    const before = await stats();
    expect(before.openAlertsByMark).toMatchObject({ critical: 1, informational: 1, fatal: 0 });
    expect(before.criticalAlerts.map((a) => a.id)).toEqual([critical?.id]);

    const support = await userToken('sue', 'support');
    const refused = await server.api(
      'POST',
      apiRoutes.acknowledgeAlert(critical?.id ?? ''),
      undefined,
      support,
    );
    expect(refused.status).toBe(403);

    const operator = await userToken('olly', 'operator');
    const res = await server.api('POST', apiRoutes.acknowledgeAlert(critical?.id ?? ''), undefined, operator);
    expect(res.status).toBe(200);
    const acked = alertRecordSchema.parse(await res.json());
    expect(acked).toMatchObject({ id: critical?.id, acknowledgedBy: 'olly' });
    expect(acked.acknowledgedAt).not.toBeNull();
    await expect.poll(() => acknowledged.length).toBe(1);
    expect(acknowledged[0]?.alerts).toEqual([acked]);

    // A second acknowledgement changes nothing and tells nobody.
    const again = await server.api('POST', apiRoutes.acknowledgeAlert(critical?.id ?? ''));
    expect(alertRecordSchema.parse(await again.json())).toEqual(acked);
    const open = alertPageSchema.parse(
      await (await server.api('GET', `${apiRoutes.alerts}?open=true&sessionAlerts=false`)).json(),
    );
    expect(open.items.map((a) => a.mark)).toEqual(['informational']);
    const closed = alertPageSchema.parse(
      await (await server.api('GET', `${apiRoutes.alerts}?open=false`)).json(),
    );
    expect(closed.items.map((a) => a.id)).toEqual([critical?.id]);
    expect((await stats()).openAlertsByMark).toMatchObject({ critical: 0, informational: 1 });

    expect((await server.api('POST', apiRoutes.acknowledgeAlert('no-such-alert'))).status).toBe(404);
    expect(acknowledged).toHaveLength(1);
  });

  it('bulk acknowledge returns only what it changed', async () => {
    const sim = await device('IMEI:100000000000002', '1.0');
    for (const mark of ['minor', 'warning', 'fatal'] as const) {
      await sim.raiseAlert({ AlertType: 'urn:dmc:at:test:1.0:Event', Mark: mark });
    }
    const feed = await server.api('GET', `${apiRoutes.alerts}?sessionAlerts=0`);
    const page = alertPageSchema.parse(await feed.json());
    const ids = page.items.map((a) => a.id);
    expect(ids).toHaveLength(3);
    const first = await server.api('POST', apiRoutes.acknowledgeAlerts, { ids: ids.slice(0, 2) });
    expect(alertListSchema.parse(await first.json()).items).toHaveLength(2);
    const second = await server.api('POST', apiRoutes.acknowledgeAlerts, { ids: [...ids, 'unknown'] });
    expect(alertListSchema.parse(await second.json()).items.map((a) => a.id)).toEqual([ids[2]]);
    expect((await server.api('POST', apiRoutes.acknowledgeAlerts, { ids: [] })).status).toBe(400);
  });

  it('counts devices, online now, sessions in the last minute and firmware versions', async () => {
    const empty = await stats();
    expect(empty).toMatchObject({ devices: 0, onlineNow: 0, firmwareVersions: [], firmwareOther: 0 });
    expect(empty.sessionsPerMinute).toHaveLength(60);
    expect(empty.commandsByState).toEqual({ queued: 0, sent: 0, accepted: 0 });

    const a = await device('IMEI:100000000000003', '2.0');
    const b = await device('IMEI:100000000000004', '2.0');
    await device('IMEI:100000000000005', '1.0');
    expect((await a.runSession()).ok).toBe(true);
    expect((await b.runSession()).ok).toBe(true);
    expect((await a.runSession()).ok).toBe(true);

    const now = await stats();
    expect(now.devices).toBe(3);
    expect(now.onlineNow).toBe(2);
    expect(now.sessionsPerMinute.at(-1)?.count).toBe(3);
    expect(now.sessionsPerMinute.reduce((sum, b) => sum + b.count, 0)).toBe(3);
    // The third device never reported DevInfo, so its firmware is not known.
    expect(now.firmwareVersions).toEqual([
      { version: '2.0', count: 2 },
      { version: null, count: 1 },
    ]);
    expect(now.recentSessions.map((s) => s.devId)).toEqual([
      'IMEI:100000000000003',
      'IMEI:100000000000004',
      'IMEI:100000000000003',
    ]);
    expect(now.recentSessions[0]?.status).toBe('completed');
  });
});
