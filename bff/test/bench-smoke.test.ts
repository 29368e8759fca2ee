// Keeps the benchmark harness from rotting: the lean DM client against the null server and a real
// BFF in-process (including a session it must count as failed), benchmark 1 end to end in a tiny size
// on SQLite, the sizing arithmetic, the campaign benchmark in its quick size and the profile counts
// benchmark over a few hundred devices. Asserts that sessions complete and numbers come out, never a
// speed.
import { deviceIdentity } from '@dmc/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchCampaigns } from '../../e2e/bench/campaigns';
import type { Figure } from '../../e2e/bench/figures';
import { BENCH_GET_URI, leanDevices, runLeanSessions } from '../../e2e/bench/lean-client';
import { startNullServer, type NullServer } from '../../e2e/bench/null-server';
import { raceOverHttp } from '../../e2e/bench/p3-p1-race';
import { benchProfileCounts } from '../../e2e/bench/profile-counts';
import { profileCostFigures, runProfileCost } from '../../e2e/bench/profile-cost';
import { table } from '../../e2e/bench/report';
import { runThroughput } from '../../e2e/bench/session-throughput';
import { sizing, type SizingTable } from '../../e2e/bench/sizing';
import { percentile, summarize } from '../../e2e/bench/stats';
import { throughputFigures } from '../../e2e/bench/throughput-report';
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

  it('runs full sessions with the lean client against the null server', async () => {
    const r = await runLeanSessions([`${nullServer.url}/dm`], leanDevices('null', SESSIONS), 4);
    expect(r).toMatchObject({ sessions: SESSIONS, failed: 0, packages: SESSIONS * 2 });
    expect(r.firstError).toBeUndefined();
    expect(r.perSecond).toBeGreaterThan(0);
    expect(r.clientCpuSeconds).toBeGreaterThan(0);
    expect(nullServer.packages()).toBe(SESSIONS * 2);
  });

  it('runs full sessions (P1 → CONT + GET → P3 with data → END) against dmc, and fails a session that deviates', async () => {
    const devices = leanDevices('smoke', SESSIONS);
    // Never-reported devices: dmc's first contact reads the DevInfo instance, the very GET expected.
    const first = await runLeanSessions([`${server.baseUrl}/dm`], devices, 4);
    expect(first).toMatchObject({ sessions: SESSIONS, failed: 0, packages: SESSIONS * 2 });
    const device = await server.store.devices.find(deviceIdentity('smoke', 1).devId);
    expect(device?.devInfo.FwV).not.toBeNull();
    // Inventoried and nothing queued: the P2 carries no GET, so every session counts as failed.
    const idle = await runLeanSessions([`${server.baseUrl}/dm`], devices, 4);
    expect(idle).toMatchObject({ sessions: SESSIONS, failed: SESSIONS });
    expect(idle.firstError).toMatch(/not CONT \+ one GET/);
    // One GET queued per device through the API: steady-state sessions that go as expected.
    for (const d of devices) {
      const res = await server.api('POST', `/api/v1/devices/${d.devId}/commands`, {
        command: ['GET', BENCH_GET_URI],
      });
      expect(res.status).toBe(201);
    }
    const queued = await runLeanSessions([`${server.baseUrl}/dm`], devices, 4);
    expect(queued).toMatchObject({ sessions: SESSIONS, failed: 0, packages: SESSIONS * 2 });
    const commands = await server.store.commands.listByDevice(devices[0]?.devId ?? '', 10);
    expect(commands.map((c) => c.state)).toEqual(['ok']);
  });

  it('runs benchmark 1 end to end in a tiny size on SQLite: every session completes, every figure is measured', async () => {
    const tables: Record<string, unknown> = {};
    const ctx = {
      quick: true,
      postgres: false,
      log: () => undefined,
      record: (name: string, value: unknown) => {
        tables[name] = value;
      },
    };
    const runs = await runThroughput(ctx, { devices: 40, rounds: 1 });
    expect(runs.map((r) => r.contender.name)).toEqual(['null server', 'SQLite']);
    for (const run of runs) {
      expect(run.rounds).toHaveLength(1);
      expect(run.rounds[0], run.contender.name).toMatchObject({ sessions: 40, failed: 0, packages: 80 });
      // /proc counts CPU in 10 ms ticks: 40 sessions of the null server may not reach one.
      expect(Number.isFinite(run.rounds[0]?.serverCpuSeconds), run.contender.name).toBe(true);
    }
    expect(runs[1]?.rounds[0]?.serverCpuSeconds).toBeGreaterThan(0);
    const figures: Figure[] = throughputFigures(ctx, runs);
    for (const f of figures) expect(Number.isFinite(f.value), f.label).toBe(true);
    expect(figures.find((f) => f.label === 'ratio to null server, SQLite')?.target).toEqual({
      op: '>=',
      value: 0.5,
    });
    expect((tables.sizing as SizingTable).columns.map((c) => c.engine)).toEqual(['SQLite']);
  }, 60_000);

  it('runs benchmark 11 in a tiny size on SQLite: with 20 verified profiles every session is still CONT + one GET', async () => {
    const tables: Record<string, unknown> = {};
    const ctx = {
      quick: true,
      postgres: false,
      log: () => undefined,
      record: (name: string, value: unknown) => {
        tables[name] = value;
      },
    };
    const runs = await runProfileCost(ctx, { devices: 20, rounds: 1 });
    // Every device was verified in each of the 20 profiles: the rounds measured enforcement.
    expect(tables['profile-cost-verified-SQLite, 20 profiles']).toEqual(Array.from({ length: 20 }, () => 20));
    expect(runs.map((r) => r.contender.name)).toEqual(['SQLite, no profile', 'SQLite, 20 profiles']);
    // A profile write would put an HGET into the P2, which the lean client counts as a failed session.
    for (const run of runs)
      expect(run.rounds[0], run.contender.name).toMatchObject({ sessions: 20, failed: 0, packages: 40 });
    const figures = profileCostFigures(runs);
    for (const f of figures) expect(Number.isFinite(f.value), f.label).toBe(true);
    expect(figures.find((f) => f.label.includes('share of a session'))?.target).toEqual({
      op: '<=',
      value: 25,
    });
  }, 60_000);

  it('derives the sizing table as rate × 0.5 × contact interval, with the arithmetic shown', () => {
    const t = sizing([
      { engine: 'one', sessionsPerSecond: 200, instances: 1 },
      { engine: 'two', sessionsPerSecond: 500, instances: 2 },
    ]);
    const cell = (engine: string, interval: string) =>
      t.cells.find((c) => c.engine === engine && c.interval === interval);
    expect(cell('one', '5 min')).toMatchObject({
      devicesPerInstance: 30_000,
      arithmetic: '200/s × 0.5 × 300 s ≈ 30,000',
    });
    expect(cell('two', '1 h')?.devicesPerInstance).toBe(450_000);
    expect(cell('two', '1 h')?.arithmetic).toBe('500/s ÷ 2 × 0.5 × 3,600 s ≈ 450,000');
    expect(cell('one', '24 h')?.devicesPerInstance).toBe(8_600_000);
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

  it('measures the counts of a small profile on SQLite', async () => {
    const figures = await benchProfileCounts(
      { quick: true, postgres: false, log: () => undefined },
      { devices: 300 },
    );
    expect(figures.map((f) => f.bench)).toEqual([12, 12]);
    for (const f of figures) expect(Number.isFinite(f.value), f.label).toBe(true);
  }, 120_000);

  it('summarises latencies and prints the table', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(summarize([10, 20, 30, 40])).toMatchObject({ count: 4, p50: 20, p95: 40, max: 40 });
    const text = table([
      { bench: 2, label: 'p95', value: 120, unit: 'ms', target: { op: '<', value: 250 } },
      { bench: 1, label: 'ratio', value: 0.4, unit: '×', target: { op: '>=', value: 0.5 } },
      { bench: 1, label: 'cpu', value: 1.5, unit: '×', target: { op: '<=', value: 1.5 } },
    ]);
    expect(text).toMatch(/p95\s+120 ms\s+< 250 ms\s+met/);
    expect(text).toMatch(/ratio\s+0\.4 ×\s+≥ 0\.5 ×\s+missed/);
    expect(text).toMatch(/cpu\s+1\.5 ×\s+≤ 1\.5 ×\s+met/);
  });
});
