// Benchmark 3: alerts ingested per second (riding on P1s) and the delay until every one of 20
// console sockets has seen each of them, at an offered 1,000 alerts/s and at full speed.
import type { SimDevice } from '@dmc/sim';
import { newDataDir, removeDataDir, startBff } from './bff-process';
import { connectSocket, type ConsoleSocket } from './console-client';
import type { BenchContext, Figure } from './figures';
import { openSeeder } from './seed';
import { pool, runSessions, simDevices } from './session-load';
import { round, sleep, summarize } from './stats';

const SOCKETS = 20;
const OFFERED_PER_S = 1000;
const TICK_MS = 20;
const DRAIN_MS = 15_000;

interface Tracker {
  sent: Map<number, number>;
  /** Delays (ms) of every (alert, socket) pair seen. */
  delays: number[];
  /** Alerts seen per socket. */
  counts: number[];
  lastAt: number;
}

function track(sockets: readonly ConsoleSocket[]): Tracker {
  const t: Tracker = { sent: new Map(), delays: [], counts: sockets.map(() => 0), lastAt: 0 };
  sockets.forEach((socket, i) => {
    socket.on('alert:received', ({ alert }) => {
      const seq = (alert.data as { seq?: unknown } | null)?.seq;
      const t0 = typeof seq === 'number' ? t.sent.get(seq) : undefined;
      if (t0 === undefined) return;
      const now = performance.now();
      t.delays.push(now - t0);
      t.counts[i] = (t.counts[i] ?? 0) + 1;
      t.lastAt = Math.max(t.lastAt, now);
    });
  });
  return t;
}

async function drained(t: Tracker, expected: number): Promise<void> {
  const deadline = performance.now() + DRAIN_MS;
  while (performance.now() < deadline && Math.min(...t.counts) < expected) await sleep(20);
}

function carry(device: SimDevice, t: Tracker, next: () => number, alerts: number): Promise<unknown> {
  const at = performance.now();
  for (let i = 0; i < alerts; i += 1) {
    const seq = next();
    t.sent.set(seq, at);
    device.queueAlert({ AlertType: 'urn:dmc:at:bench:1.0:Probe', Mark: 'minor', Data: { seq } });
  }
  return device.runSession('client');
}

export async function benchAlertFanout(ctx: BenchContext): Promise<Figure[]> {
  const deviceCount = ctx.quick ? 40 : 200;
  const offeredS = ctx.quick ? 1.5 : 8;
  const burstAlerts = ctx.quick ? 2000 : 20_000;
  const dataDir = newDataDir('alerts');
  const seeder = await openSeeder({ dataDir });
  await seeder.devices({ prefix: 'alr', count: deviceCount, credentials: true });
  await seeder.close();
  const bff = await startBff({ dataDir });
  const sockets: ConsoleSocket[] = [];
  try {
    const devices = simDevices('alr', deviceCount, `${bff.baseUrl}/dm`);
    await runSessions(devices, 32); // inventory done: later sessions only carry alerts
    const token = await bff.login();
    for (let i = 0; i < SOCKETS; i += 1) sockets.push(await connectSocket(bff.baseUrl, token));
    let seq = 0;
    const next = () => (seq += 1);

    // Offered load: 1,000 alerts/s as 10 alerts on each of 100 P1s per second.
    const steady = track(sockets);
    const perSession = 10;
    const sessionsPerTick = (OFFERED_PER_S / perSession) * (TICK_MS / 1000);
    const started = performance.now();
    const sessions: Promise<unknown>[] = [];
    let d = 0;
    let owed = 0;
    while (performance.now() - started < offeredS * 1000) {
      owed += sessionsPerTick;
      for (; owed >= 1; owed -= 1) {
        const device = devices[d % devices.length];
        d += 1;
        if (device !== undefined) sessions.push(carry(device, steady, next, perSession));
      }
      await sleep(TICK_MS);
    }
    await Promise.all(sessions);
    const offeredCount = steady.sent.size;
    await drained(steady, offeredCount);
    const steadyRate = (Math.min(...steady.counts) / (steady.lastAt - started)) * 1000;
    const s = summarize(steady.delays);
    ctx.log(
      `  offered ${OFFERED_PER_S}/s for ${offeredS} s: ${offeredCount} alerts, ${round(steadyRate)} /s seen by all ${SOCKETS} sockets; delay p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms`,
    );
    for (const socket of sockets) socket.off('alert:received');

    // Full speed: 20 alerts per P1, 32 sessions in flight.
    const burst = track(sockets);
    const perBurst = 20;
    const rounds = Array.from(
      { length: Math.ceil(burstAlerts / perBurst) },
      (_, i) => devices[i % devices.length],
    );
    const burstStart = performance.now();
    await pool(rounds, 32, (device) =>
      device === undefined ? Promise.resolve() : carry(device, burst, next, perBurst),
    );
    await drained(burst, burst.sent.size);
    const burstRate = (Math.min(...burst.counts) / (burst.lastAt - burstStart)) * 1000;
    const b = summarize(burst.delays);
    ctx.log(`  full speed: ${burst.sent.size} alerts at ${round(burstRate)} /s; delay p95 ${b.p95} ms`);
    const missing = offeredCount * SOCKETS - steady.delays.length;
    const note = `${SOCKETS} sockets, ${deviceCount} devices; ${missing} deliveries missing`;
    return [
      {
        bench: 3,
        label: 'alerts ingested/s, full speed (20 per P1)',
        value: round(burstRate),
        unit: '/s',
        note,
      },
      {
        bench: 3,
        label: `alerts/s achieved at ${OFFERED_PER_S}/s offered`,
        value: round(steadyRate),
        unit: '/s',
        note,
      },
      {
        bench: 3,
        label: `alert → ${SOCKETS} sockets delay p95 at ${OFFERED_PER_S}/s`,
        value: missing > 0 ? Number.NaN : s.p95,
        unit: 'ms',
        target: { op: '<', value: 100 },
        note,
      },
    ];
  } finally {
    for (const socket of sockets) socket.disconnect();
    await bff.stop();
    removeDataDir(dataDir);
  }
}
