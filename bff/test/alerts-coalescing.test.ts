// Calm alerts over real HTTP and socket.io with a simulated device (protocol §13): identical alerts
// coalesce into one open row whose count grows, consoles are told to update that row, an
// acknowledged row makes the next alert open a new one; session-start alerts are never open; the
// dashboard reads alerts by type over time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimDevice } from '@dmc/sim';
import { alertPageSchema, alertStatsSchema, apiRoutes, type AlertPage } from '@dmc/shared/api';
import type { AlertReceivedEvent } from '@dmc/shared/events';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'device-secret-0123456789';
const OVERHEAT = {
  AlertType: 'urn:dmc:at:test:1.0:Overheat',
  Mark: 'critical',
  SourceURI: './Sensors/1',
} as const;

describe('calm alerts', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  async function device(devId: string): Promise<SimDevice> {
    await server.registerDevice(devId, SECRET);
    return new SimDevice({
      devId,
      secret: SECRET,
      serverUrl: `${server.baseUrl}/dm`,
      profile: { manufacturer: 'Acme', model: 'Sim-1', fwVersion: '1.0' },
    });
  }

  async function alerts(query: string): Promise<AlertPage> {
    const res = await server.api('GET', `${apiRoutes.alerts}?${query}`);
    expect(res.status).toBe(200);
    return alertPageSchema.parse(await res.json());
  }

  it('coalesces a burst of identical alerts into one row with a count, live, until acknowledged', async () => {
    const sim = await device('IMEI:200000000000001');
    const watcher = await server.socket();
    const received: AlertReceivedEvent[] = [];
    watcher.on('alert:received', (e) => received.push(e));

    // Two identical alerts in one package, then one per session.
    sim.queueAlert({ ...OVERHEAT, Data: { C: 90 } });
    sim.queueAlert({ ...OVERHEAT, Data: { C: 91 } });
    expect((await sim.runSession()).ok).toBe(true);
    await sim.raiseAlert({ ...OVERHEAT, Data: { C: 92 } });
    await sim.raiseAlert({ ...OVERHEAT, Data: { C: 93 } });
    // Another source is another alert.
    await sim.raiseAlert({ ...OVERHEAT, SourceURI: './Sensors/2' });

    const open = await alerts(`devId=${encodeURIComponent(sim.devId)}&open=true`);
    expect(open.items).toHaveLength(2);
    const row = open.items.find((a) => a.sourceUri === './Sensors/1');
    expect(row).toMatchObject({ count: 4, data: { C: 93 }, sessionStart: false, acknowledgedAt: null });
    expect(Date.parse(row?.firstAt ?? '')).toBeLessThan(Date.parse(row?.lastAt ?? ''));
    expect(row?.receivedAt).toBe(row?.lastAt);

    // Consoles heard of one new row, then of the same row growing.
    const overheat = () => received.filter((e) => e.alert.sourceUri === './Sensors/1');
    await expect.poll(() => overheat().length).toBe(3);
    expect(overheat().map((e) => [e.alert.id, e.coalesced, e.occurrences, e.alert.count])).toEqual([
      [row?.id, false, 2, 2],
      [row?.id, true, 1, 3],
      [row?.id, true, 1, 4],
    ]);

    // Session-start alerts are kept with the session, never open, and left out on request.
    const all = await alerts(`devId=${encodeURIComponent(sim.devId)}`);
    const starts = all.items.filter((a) => a.sessionStart);
    expect(starts).toHaveLength(4);
    expect(starts.every((a) => a.alertType.endsWith('ClientInitiatedMgmt') && a.count === 1)).toBe(true);
    expect(received.filter((e) => e.alert.sessionStart)).toHaveLength(4);
    const feed = await alerts(`devId=${encodeURIComponent(sim.devId)}&sessionAlerts=false`);
    expect(feed.items.map((a) => a.sessionStart)).toEqual([false, false]);

    // Acknowledged, the row stays as it was and the next identical alert opens a new one.
    const ack = await server.api('POST', apiRoutes.acknowledgeAlert(row?.id ?? ''));
    expect(ack.status).toBe(200);
    await sim.raiseAlert({ ...OVERHEAT, Data: { C: 95 } });
    const after = await alerts(`devId=${encodeURIComponent(sim.devId)}&open=true`);
    const next = after.items.find((a) => a.sourceUri === './Sensors/1');
    expect(next).toMatchObject({ count: 1, data: { C: 95 } });
    expect(next?.id).not.toBe(row?.id);
    const closed = await alerts(`devId=${encodeURIComponent(sim.devId)}&open=false`);
    expect(closed.items).toMatchObject([{ id: row?.id, count: 4 }]);
  });

  it('counts alerts by type over time, session starts aside, with bounded buckets', async () => {
    const sim = await device('IMEI:200000000000002');
    sim.queueAlert(OVERHEAT);
    sim.queueAlert(OVERHEAT);
    sim.queueAlert({ AlertType: 'urn:dmc:at:test:1.0:Door', Mark: 'minor' });
    expect((await sim.runSession()).ok).toBe(true);

    const res = await server.api('GET', `${apiRoutes.alertStats}?bucket=1h`);
    expect(res.status).toBe(200);
    const stats = alertStatsSchema.parse(await res.json());
    expect(stats.buckets).toHaveLength(24);
    expect(stats.series.map((s) => [s.type, s.total])).toEqual([
      [OVERHEAT.AlertType, 2],
      ['urn:dmc:at:test:1.0:Door', 1],
    ]);
    expect(stats.series[0]?.counts.at(-1)).toBe(2);
    expect(stats.other.every((n) => n === 0)).toBe(true);

    const tooFar = new Date(Date.now() - 400 * 3_600_000).toISOString();
    const refused = await server.api('GET', `${apiRoutes.alertStats}?bucket=1h&since=${tooFar}`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await server.api('GET', `${apiRoutes.alertStats}?bucket=1w`)).status).toBe(400);
  });
});
