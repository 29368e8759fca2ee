// Benchmark 3: alerts ingested per second (riding on P1s, 20 per P1) and the delay until every one
// of 20 console sockets has seen each of them. First at full speed (closed loop: 32 sessions in
// flight), which gives the rate the server sustains; then offered open loop (paced P1s) at 90 % of
// that rate, where the delay target applies; then at 1,000 alerts/s offered. The 20 sockets run in
// a process of their own (alert-sockets.ts), so the load generator and the consoles never share an
// event loop; the CPU each process used is reported beside the figures.
import type { SimDevice } from '@dmc/sim';
import { newDataDir, removeDataDir, startBff, type BffProcess } from './bff-process';
import { epochMs, startAlertSockets, type AlertSockets, type Arrivals } from './alert-sockets';
import type { BenchContext, Figure } from './figures';
import { openSeeder } from './seed';
import { pool, runSessions, simDevices } from './session-load';
import { round, sleep, summarize } from './stats';

const SOCKETS = 20;
const PER_P1 = 20;
const IN_FLIGHT = 32;
const LOW_OFFERED_PER_S = 1000;
/** The share of the full-speed rate offered open loop. */
const SUSTAINED_SHARE = 0.9;
const TICK_MS = 10;
const DRAIN_MS = 15_000;
const TARGET = { op: '<', value: 100 } as const;

interface Phase {
  /** Alerts sent, by seq: the moment (epoch ms) their device started its session. */
  sent: Map<number, number>;
  /** Alerts accepted per second: all sent over the time from the first P1 to the last answer. */
  acceptedPerS: number;
  failed: number;
  /** P1s not sent because every device was still in a session: the server fell behind. */
  unsent: number;
}

interface Measured {
  acceptedPerS: number;
  p50: number;
  p95: number;
  p99: number;
  missing: number;
  failed: number;
  unsent: number;
  /** CPU (% of one core) of the BFF, the load generator and the console sockets over the phase. */
  cpu: { bff: number; load: number; sockets: number };
  /** CPU milliseconds per 1,000 alerts of the BFF and of the console sockets. */
  perThousand: { bff: number; sockets: number };
}

/**
 * Queues PER_P1 alerts and runs the session that carries them. Each alert of a P1 has its own source
 * (`./bench/<k>`), so none folds into another of the same package; a device's later P1s coalesce
 * into its open rows (protocol §13), one event per alert either way.
 */
async function carry(device: SimDevice, phase: Phase, next: () => number): Promise<boolean> {
  const at = epochMs();
  for (let k = 0; k < PER_P1; k += 1) {
    const seq = next();
    phase.sent.set(seq, at);
    device.queueAlert({
      AlertType: 'urn:dmc:at:bench:1.0:Probe',
      SourceURI: `./bench/${k}`,
      Mark: 'minor',
      Data: { seq },
    });
  }
  const summary = await device.runSession('client');
  return summary.ok;
}

/** Closed loop: `sessions` P1s, IN_FLIGHT at once. */
async function fullSpeed(
  devices: readonly SimDevice[],
  sessions: number,
  next: () => number,
): Promise<Phase> {
  const phase: Phase = { sent: new Map(), acceptedPerS: 0, failed: 0, unsent: 0 };
  const rounds = Array.from({ length: sessions }, (_, i) => devices[i % devices.length]);
  const started = performance.now();
  const oks = await pool(rounds, IN_FLIGHT, (d) =>
    d === undefined ? Promise.resolve(true) : carry(d, phase, next),
  );
  phase.acceptedPerS = (phase.sent.size / (performance.now() - started)) * 1000;
  phase.failed = oks.filter((ok) => !ok).length;
  return phase;
}

/** Open loop: P1s paced at `alertsPerS / PER_P1` per second for `seconds`, each on an idle device. */
async function paced(
  devices: readonly SimDevice[],
  alertsPerS: number,
  seconds: number,
  next: () => number,
): Promise<Phase> {
  const phase: Phase = { sent: new Map(), acceptedPerS: 0, failed: 0, unsent: 0 };
  const idle = [...devices];
  const sessions: Promise<void>[] = [];
  const p1PerMs = alertsPerS / PER_P1 / 1000;
  const started = performance.now();
  let started1 = 0;
  for (let now = started; now - started < seconds * 1000; now = performance.now()) {
    for (; started1 < (now - started) * p1PerMs; started1 += 1) {
      const device = idle.pop();
      if (device === undefined) {
        phase.unsent += 1;
        continue;
      }
      sessions.push(
        carry(device, phase, next).then((ok) => {
          if (!ok) phase.failed += 1;
          idle.unshift(device);
        }),
      );
    }
    await sleep(TICK_MS);
  }
  await Promise.all(sessions);
  phase.acceptedPerS = (phase.sent.size / (performance.now() - started)) * 1000;
  return phase;
}

async function measure(
  phase: Phase,
  sockets: AlertSockets,
  cpu: { bff: number; load: NodeJS.CpuUsage; wall: number },
  bff: BffProcess,
): Promise<Measured> {
  const deadline = performance.now() + DRAIN_MS;
  while (performance.now() < deadline && (await sockets.fewest()) < phase.sent.size) await sleep(20);
  const wall = performance.now() - cpu.wall;
  const load = process.cpuUsage(cpu.load);
  const arrivals: Arrivals = await sockets.collect();
  const delays: number[] = [];
  for (const [i, seqs] of arrivals.seqs.entries()) {
    const times = arrivals.times[i] ?? [];
    seqs.forEach((seq, j) => {
      const t0 = phase.sent.get(seq);
      const t = times[j];
      if (t0 !== undefined && t !== undefined) delays.push(t - t0);
    });
  }
  const s = summarize(delays);
  const pct = (seconds: number) => round((seconds * 100_000) / wall);
  const bffSeconds = bff.cpuSeconds() - cpu.bff;
  const perThousand = (seconds: number) => round((seconds * 1e6) / phase.sent.size);
  return {
    acceptedPerS: phase.acceptedPerS,
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    missing: phase.sent.size * SOCKETS - delays.length,
    failed: phase.failed,
    unsent: phase.unsent,
    perThousand: { bff: perThousand(bffSeconds), sockets: perThousand(arrivals.cpuSeconds) },
    cpu: {
      bff: pct(bffSeconds),
      load: pct((load.user + load.system) / 1e6),
      sockets: pct(arrivals.cpuSeconds),
    },
  };
}

function describe(m: Measured): string {
  return (
    `${round(m.acceptedPerS)} alerts/s accepted; delay p50 ${m.p50} ms, p95 ${m.p95} ms, p99 ${m.p99} ms; ` +
    `${m.missing} deliveries missing, ${m.failed} sessions failed, ${m.unsent} P1s unsent; CPU BFF ${m.cpu.bff} %, ` +
    `load generator ${m.cpu.load} %, sockets ${m.cpu.sockets} %; CPU per 1,000 alerts BFF ${m.perThousand.bff} ms, sockets ${m.perThousand.sockets} ms`
  );
}

export async function benchAlertFanout(ctx: BenchContext): Promise<Figure[]> {
  const deviceCount = ctx.quick ? 40 : 200;
  const pacedS = ctx.quick ? 1.5 : 8;
  const fullSessions = ctx.quick ? 100 : 1000;
  const dataDir = newDataDir('alerts');
  const seeder = await openSeeder({ dataDir });
  await seeder.devices({ prefix: 'alr', count: deviceCount, credentials: true });
  await seeder.close();
  const bff = await startBff({ dataDir });
  let sockets: AlertSockets | undefined;
  try {
    const devices = simDevices('alr', deviceCount, `${bff.baseUrl}/dm`);
    await runSessions(devices, IN_FLIGHT); // inventory done: later sessions only carry alerts
    sockets = await startAlertSockets({ baseUrl: bff.baseUrl, token: await bff.login(), sockets: SOCKETS });
    let seq = 0;
    const next = () => (seq += 1);
    const run = async (label: string, go: () => Promise<Phase>): Promise<Measured> => {
      const cpu = { bff: bff.cpuSeconds(), load: process.cpuUsage(), wall: performance.now() };
      const m = await measure(await go(), sockets as AlertSockets, cpu, bff);
      ctx.log(`  ${label}: ${describe(m)}`);
      return m;
    };
    // Warm-up: every device opens its alert rows once, so each phase below coalesces alike.
    await run('warm-up', () => fullSpeed(devices, deviceCount, next));
    const full = await run(`full speed (${IN_FLIGHT} P1s in flight)`, () =>
      fullSpeed(devices, fullSessions, next),
    );
    const sustained = Math.round(full.acceptedPerS * SUSTAINED_SHARE);
    const atSustained = await run(`offered ${sustained}/s (${SUSTAINED_SHARE * 100} % of full speed)`, () =>
      paced(devices, sustained, pacedS, next),
    );
    const low = await run(`offered ${LOW_OFFERED_PER_S}/s`, () =>
      paced(devices, LOW_OFFERED_PER_S, pacedS, next),
    );
    const note = (m: Measured) =>
      `${SOCKETS} sockets, ${deviceCount} devices; ${m.missing} deliveries missing, ${m.unsent} P1s unsent; CPU % BFF/load/sockets ${m.cpu.bff}/${m.cpu.load}/${m.cpu.sockets}`;
    const delay = (m: Measured) => (m.missing > 0 || m.failed > 0 || m.unsent > 0 ? Number.NaN : m.p95);
    return [
      {
        bench: 3,
        label: `alerts ingested/s, full speed (${PER_P1} per P1)`,
        value: round(full.acceptedPerS),
        unit: '/s',
        note: note(full),
      },
      {
        bench: 3,
        label: `alert → ${SOCKETS} sockets delay p95 at full speed`,
        value: delay(full),
        unit: 'ms',
        note: note(full),
      },
      {
        bench: 3,
        label: `alerts/s achieved at ${sustained}/s offered (${SUSTAINED_SHARE * 100} % of full speed)`,
        value: round(atSustained.acceptedPerS),
        unit: '/s',
        note: note(atSustained),
      },
      {
        bench: 3,
        label: `alert → ${SOCKETS} sockets delay p95 at ${sustained}/s`,
        value: delay(atSustained),
        unit: 'ms',
        target: TARGET,
        note: note(atSustained),
      },
      {
        bench: 3,
        label: `alerts/s achieved at ${LOW_OFFERED_PER_S}/s offered`,
        value: round(low.acceptedPerS),
        unit: '/s',
        note: note(low),
      },
      {
        bench: 3,
        label: `alert → ${SOCKETS} sockets delay p95 at ${LOW_OFFERED_PER_S}/s`,
        value: delay(low),
        unit: 'ms',
        target: TARGET,
        note: note(low),
      },
    ];
  } finally {
    await sockets?.stop().catch(() => undefined);
    await bff.stop();
    removeDataDir(dataDir);
  }
}
