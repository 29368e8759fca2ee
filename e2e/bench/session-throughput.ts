// Benchmark 1: full DM sessions per second from the lean client (lean-client.ts), against the null
// server and dmc on SQLite, on PostgreSQL, and on PostgreSQL + Redis with one and two instances.
//
// Every session carries the same work on every server: P1 → P2 with CONT + one GET of the DevInfo
// instance → P3 with its status and data → END (the null server asks for that GET itself; dmc's
// steady-state devices have it queued before each round, outside the timing). Each contender first
// runs one untimed round over all its devices (first contact, warm-up), then the timed rounds go in
// turns (null, SQLite, PostgreSQL, …, null, …), every contender getting the same sessions per round,
// so a machine whose speed drifts (shared cores) weighs on every server alike. CPU per session is read
// from /proc for the server processes and, on PostgreSQL, for the backends of the bench's database.
import type { BenchContext, Figure } from './figures';
import { leanDevices, runLeanSessions, type LeanDevice } from './lean-client';
import { backendCpu, backendCpuBetween } from './pg-cpu';
import { redisAvailable } from './redis';
import { cpuSeconds, sleep } from './stats';
import {
  startDmcContender,
  startNullContender,
  type Contender,
  type ContenderRun,
  type RoundResult,
} from './throughput-contenders';
import { throughputFigures } from './throughput-report';

export const SESSION_CONCURRENCY = 32;

/** Devices per contender (= sessions per round) and timed rounds; DMC_BENCH_SESSIONS sets a full run's. */
export function throughputSizes(quick: boolean): { devices: number; rounds: number } {
  if (quick) return { devices: 150, rounds: 2 };
  const devices = Number(process.env.DMC_BENCH_SESSIONS ?? 10_000);
  return { devices: Number.isInteger(devices) && devices > 0 ? devices : 10_000, rounds: 3 };
}

const serverCpu = (c: Contender) => c.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);

/** Queues the round's commands, then times one session per device. */
export async function measureRound(
  c: Contender,
  devices: readonly LeanDevice[],
  concurrency = SESSION_CONCURRENCY,
): Promise<RoundResult> {
  await c.prepare();
  const pg0 = c.database === undefined ? undefined : backendCpu(c.database);
  const cpu0 = serverCpu(c);
  const result = await runLeanSessions(c.urls, devices, concurrency);
  // Work a server finishes just after its last answer (a commit, a live event) belongs to the round.
  await sleep(100);
  const serverCpuSeconds = serverCpu(c) - cpu0;
  if (c.database === undefined || pg0 === undefined) return { ...result, serverCpuSeconds };
  const pg = backendCpuBetween(pg0, backendCpu(c.database));
  return { ...result, serverCpuSeconds, postgresCpuSeconds: pg.seconds, postgresExited: pg.exited };
}

async function startContenders(ctx: BenchContext, devices: number): Promise<Contender[]> {
  const contenders: Contender[] = [];
  try {
    contenders.push(await startNullContender());
    const prefix = 'tput';
    contenders.push(await startDmcContender({ kind: 'sqlite', prefix, devices }));
    if (ctx.postgres) {
      contenders.push(await startDmcContender({ kind: 'postgres', prefix, devices }));
      if (await redisAvailable()) {
        for (const instances of [1, 2])
          contenders.push(await startDmcContender({ kind: 'redis', instances, prefix, devices }));
      } else ctx.log('  Redis is not reachable: the PostgreSQL + Redis figures are skipped.');
    }
    return contenders;
  } catch (err) {
    for (const c of contenders) await c.stop();
    throw err;
  }
}

/** Runs the warm-up and the interleaved rounds; every contender's results, null server first. */
export async function runThroughput(
  ctx: BenchContext,
  sizes = throughputSizes(ctx.quick),
): Promise<ContenderRun[]> {
  // The same devices (DevIDs, packages) for every server: each has a database of its own.
  const devices = leanDevices('tput', sizes.devices);
  const contenders = await startContenders(ctx, sizes.devices);
  try {
    const runs = contenders.map((contender) => ({ contender, rounds: [] as RoundResult[] }));
    for (const run of runs) {
      const warm = await measureRound(run.contender, devices);
      if (warm.failed > 0) ctx.log(`  ${run.contender.name}: warm-up failed: ${warm.firstError ?? '?'}`);
    }
    for (let i = 0; i < sizes.rounds; i += 1) {
      for (const run of runs) run.rounds.push(await measureRound(run.contender, devices));
      const rates = runs.map((r) => `${r.contender.name} ${Math.round(r.rounds[i]?.perSecond ?? NaN)}/s`);
      ctx.log(`  round ${i + 1}: ${rates.join(', ')}`);
    }
    return runs;
  } finally {
    for (const c of contenders) await c.stop();
  }
}

export async function benchSessionThroughput(ctx: BenchContext): Promise<Figure[]> {
  const sizes = throughputSizes(ctx.quick);
  ctx.log(
    `  ${sizes.devices.toLocaleString('en-US')} sessions per round, ${sizes.rounds} rounds, ${SESSION_CONCURRENCY} in flight`,
  );
  return throughputFigures(ctx, await runThroughput(ctx, sizes));
}
