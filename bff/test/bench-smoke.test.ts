// Keeps the benchmark harness from rotting: the null server and one quick session-throughput round,
// in-process, against both the null server and a real BFF, and the campaign benchmark in its quick
// size. Asserts that numbers come out, never a speed.
import { deviceIdentity } from '@dmc/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchCampaigns } from '../../e2e/bench/campaigns';
import { startNullServer, type NullServer } from '../../e2e/bench/null-server';
import { raceOverHttp } from '../../e2e/bench/p3-p1-race';
import { table } from '../../e2e/bench/report';
import { runSessions, simDevices } from '../../e2e/bench/session-load';
import { percentile, summarize } from '../../e2e/bench/stats';
import { startTestServer, type TestServer } from './support/test-server';

const SESSIONS = 20;

describe('benchmark harness (smoke)', () => {
  let nullServer: NullServer;
  let server: TestServer;

  beforeAll(async () => {
    nullServer = await startNullServer();
    server = await startTestServer();
    for (let n = 1; n <= SESSIONS; n += 1) {
      const { devId, secret } = deviceIdentity('smoke', n);
      await server.registerDevice(devId, secret);
    }
  });
  afterAll(async () => {
    await nullServer.close();
    await server.close();
  });

  it('measures full sessions against the null server', async () => {
    const r = await runSessions(simDevices('null', SESSIONS, `${nullServer.url}/dm`), 4);
    expect(r).toMatchObject({ sessions: SESSIONS, failed: 0, packages: SESSIONS * 2 });
    expect(r.perSecond).toBeGreaterThan(0);
    expect(nullServer.packages()).toBe(SESSIONS * 2);
  });

  it('measures full sessions (P1 → CONT + GET → P3 with data → END) against dmc', async () => {
    const r = await runSessions(simDevices('smoke', SESSIONS, `${server.baseUrl}/dm`), 4);
    expect(r).toMatchObject({ sessions: SESSIONS, failed: 0, packages: SESSIONS * 2 });
    expect(Number.isFinite(r.perSecond)).toBe(true);
    const device = await server.store.devices.find(deviceIdentity('smoke', 1).devId);
    expect(device?.devInfo.FwV).not.toBeNull();
  });

  it('runs the P3/P1 race (benchmark 7) against dmc and counts its answers', async () => {
    const r = await raceOverHttp(server.baseUrl, server.adminToken);
    expect(r).toMatchObject({ serverErrors: 0, commands: 82, recordedOnce: 82 });
    expect([...r.p3.values()].reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('runs the campaign benchmark (9) in its quick size: every member finishes', async () => {
    const figures = await benchCampaigns({ quick: true, postgres: false, log: () => undefined });
    expect(figures.length).toBeGreaterThan(0);
    // A campaign that did not finish reports NaN: every figure here must have been measured.
    for (const f of figures) expect(Number.isFinite(f.value), f.label).toBe(true);
    expect(figures.find((f) => f.label.startsWith('devices finished/s'))?.value).toBeGreaterThan(0);
  }, 120_000);

  it('summarises latencies and prints the table', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(summarize([10, 20, 30, 40])).toMatchObject({ count: 4, p50: 20, p95: 40, max: 40 });
    const text = table([
      { bench: 2, label: 'p95', value: 120, unit: 'ms', target: { op: '<', value: 250 } },
      { bench: 1, label: 'ratio', value: 0.4, unit: '×', target: { op: '>=', value: 0.5 } },
    ]);
    expect(text).toMatch(/p95\s+120 ms\s+< 250 ms\s+met/);
    expect(text).toMatch(/ratio\s+0\.4 ×\s+≥ 0\.5 ×\s+missed/);
  });
});
