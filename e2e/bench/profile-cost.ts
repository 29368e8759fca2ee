// Benchmark 11: what profile enforcement adds to a DM session (protocol §14, invariant 36). Two dmc
// contenders on SQLite (and two on PostgreSQL when it answers) hold the same steady-state devices and
// run benchmark 1's session (lean client: P1 → CONT + one GET → P3 → END); one has no profile, the
// other 20 enabled profiles whose 20 distinct queries match every device, each holding one node the devices
// already report (so after the untimed first round every device is verified in every profile, and
// a session's enforcement is the point check, the states and the stored nodes, and nothing written).
// Rounds go in turns, so a machine whose speed drifts weighs on both alike. Figures: server CPU per
// session and sessions/s of both, and the extra CPU per session against the target.
import type { ProfileRow, SeedNode } from '@dmc/bff/seeding';
import { profileListSchema } from '@dmc/shared/api';
import { login } from './bff-process';
import type { BenchContext, Figure } from './figures';
import { leanDevices } from './lean-client';
import { round } from './stats';
import { measureRound } from './session-throughput';
import {
  startDmcContender,
  type Contender,
  type ContenderRun,
  type RoundResult,
} from './throughput-contenders';
import { totals } from './throughput-report';

export const BENCH_PROFILES = 20;
const FUMO = 'urn:oma:mo:oma-fumo:1.0';
/** Extra server CPU a session may cost with 20 verified profiles, as a share of one without. */
const TARGET_EXTRA_SHARE = 0.25;

export function profileCostSizes(quick: boolean): { devices: number; rounds: number } {
  if (quick) return { devices: 150, rounds: 2 };
  const devices = Number(process.env.DMC_BENCH_SESSIONS ?? 5_000);
  return { devices: Number.isInteger(devices) && devices > 0 ? devices : 5_000, rounds: 3 };
}

const nodePath = (i: number) => `Ext/Bench${String(i + 1).padStart(2, '0')}`;
const valueOf = (i: number) => `bench-value-${i + 1}`;

/** The nodes every device holds, in the FUMO instance the lean client reports. */
export function benchProfileNodes(): SeedNode[] {
  return Array.from({ length: BENCH_PROFILES }, (_, i) => ({
    moid: FUMO,
    miid: 'fw',
    path: nodePath(i),
    value: valueOf(i),
    format: 'chr',
  }));
}

/** 20 enabled profiles, every one matching every device, each holding one node of `benchProfileNodes`. */
export function benchProfiles(): ProfileRow[] {
  const at = new Date();
  return Array.from({ length: BENCH_PROFILES }, (_, i) => ({
    id: `bench-profile-${i + 1}`,
    name: `bench profile ${i + 1}`,
    // Real conditions, each profile's its own, so every session checks 20 queries (all match).
    query: `DmV = "2.0" AND devId != "none-${i + 1}"`,
    priority: i,
    nodes: [{ uri: `${FUMO}/fw/${nodePath(i)}`, value: valueOf(i) }],
    execs: [],
    enabled: true,
    driftRetries: 3,
    revision: 1,
    createdBy: 'bench',
    createdAt: at,
    updatedAt: at,
  }));
}

async function startPair(kind: 'sqlite' | 'postgres', devices: number): Promise<Contender[]> {
  const engine = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const prefix = 'pcost';
  const nodes = benchProfileNodes();
  const without = await startDmcContender({ kind, prefix, devices, nodes, name: `${engine}, no profile` });
  try {
    const withProfiles = await startDmcContender({
      kind,
      prefix,
      devices,
      nodes,
      profiles: benchProfiles(),
      name: `${engine}, ${BENCH_PROFILES} profiles`,
    });
    return [without, withProfiles];
  } catch (err) {
    await without.stop();
    throw err;
  }
}

/** How many devices each profile of the contender counts as verified, through the console API. */
async function verifiedPerProfile(c: Contender): Promise<number[]> {
  const base = (c.urls[0] ?? '').replace(/\/dm$/, '');
  const res = await fetch(`${base}/api/v1/profiles`, {
    headers: { authorization: `Bearer ${await login(base)}` },
  });
  if (!res.ok) throw new Error(`GET /api/v1/profiles: HTTP ${res.status}`);
  return profileListSchema.parse(await res.json()).items.map((p) => p.counts.verified);
}

/** The untimed first round (states written), then the interleaved timed rounds. */
export async function runProfileCost(
  ctx: BenchContext,
  sizes = profileCostSizes(ctx.quick),
): Promise<ContenderRun[]> {
  const devices = leanDevices('pcost', sizes.devices);
  const contenders: Contender[] = [];
  try {
    contenders.push(...(await startPair('sqlite', sizes.devices)));
    if (ctx.postgres) contenders.push(...(await startPair('postgres', sizes.devices)));
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
    // The steady state measured was the one meant: every device verified in every profile.
    for (const c of contenders.filter((_, i) => i % 2 === 1)) {
      const verified = await verifiedPerProfile(c);
      ctx.record?.(`profile-cost-verified-${c.name}`, verified);
      if (verified.some((n) => n !== sizes.devices))
        ctx.log(
          `  ${c.name}: devices verified per profile ${verified.join(', ')} (expected ${sizes.devices})`,
        );
    }
    return runs;
  } finally {
    for (const c of contenders) await c.stop();
  }
}

/** Each pair's figures: CPU per session and rate of both, the extra CPU, and its share against the target. */
export function profileCostFigures(runs: readonly ContenderRun[]): Figure[] {
  const figures: Figure[] = [];
  for (let i = 0; i + 1 < runs.length; i += 2) {
    const [base, profiled] = [runs[i], runs[i + 1]];
    if (!base || !profiled) continue;
    const b = totals(base.rounds);
    const p = totals(profiled.rounds);
    const failed = b.failed + p.failed;
    const note =
      failed > 0 ? `${failed} sessions failed (${b.firstError ?? p.firstError ?? '?'})` : undefined;
    const engine = base.contender.name.split(',')[0] ?? base.contender.name;
    for (const [run, t] of [
      [base, b],
      [profiled, p],
    ] as const) {
      figures.push(
        {
          bench: 11,
          label: `${run.contender.name}: server CPU per session`,
          value: round(t.serverCpuMs, 3),
          unit: 'ms',
        },
        {
          bench: 11,
          label: `${run.contender.name}: sessions per second`,
          value: round(t.perSecond),
          unit: '/s',
        },
      );
    }
    const extra = p.serverCpuMs - b.serverCpuMs;
    figures.push(
      {
        bench: 11,
        label: `${engine}: extra server CPU per session, ${BENCH_PROFILES} profiles`,
        value: round(extra, 3),
        unit: 'ms',
      },
      {
        bench: 11,
        label: `${engine}: extra server CPU per session, share of a session without profiles`,
        value: round((extra / b.serverCpuMs) * 100, 1),
        unit: '%',
        target: { op: '<=', value: TARGET_EXTRA_SHARE * 100 },
        ...(note === undefined ? {} : { note }),
      },
    );
  }
  return figures;
}

export async function benchProfileCost(ctx: BenchContext): Promise<Figure[]> {
  const sizes = profileCostSizes(ctx.quick);
  ctx.log(
    `  ${sizes.devices.toLocaleString('en-US')} sessions per round, ${sizes.rounds} rounds, ${BENCH_PROFILES} profiles`,
  );
  return profileCostFigures(await runProfileCost(ctx, sizes));
}
