// Benchmark 1's figures: each contender's rate and CPU per session, the ratios to the null server
// (per round and over all rounds) beside their targets, the check that the client was not the limit,
// PostgreSQL's BFF CPU against SQLite's, one instance against two, and the sizing table.
import type { BenchContext, Figure } from './figures';
import type { ContenderRun, RoundResult } from './throughput-contenders';
import { formatSizing, sizing, type SizingInput } from './sizing';
import { round } from './stats';

/** Above this share of one core the client may be what limits the null server's rate. */
export const CLIENT_BUSY_LIMIT = 0.8;

const TARGETS = { sqliteRatio: 0.5, postgresRatio: 0.25, pgOverSqliteCpu: 1.5 } as const;

export interface Totals {
  sessions: number;
  failed: number;
  seconds: number;
  perSecond: number;
  /** ms per session. */
  serverCpuMs: number;
  postgresCpuMs: number;
  postgresExited: number;
  clientCpuMs: number;
  /** Highest share of one core the client used in a round. */
  clientBusy: number;
  firstError?: string;
}

export function totals(rounds: readonly RoundResult[]): Totals {
  const sum = (pick: (r: RoundResult) => number) => rounds.reduce((s, r) => s + pick(r), 0);
  const sessions = sum((r) => r.sessions);
  const seconds = sum((r) => r.seconds);
  const firstError = rounds.find((r) => r.firstError !== undefined)?.firstError;
  const pg = rounds.some((r) => r.postgresCpuSeconds !== undefined);
  return {
    sessions,
    failed: sum((r) => r.failed),
    seconds,
    perSecond: sessions / seconds,
    serverCpuMs: (sum((r) => r.serverCpuSeconds) / sessions) * 1000,
    postgresCpuMs: pg ? (sum((r) => r.postgresCpuSeconds ?? 0) / sessions) * 1000 : Number.NaN,
    postgresExited: sum((r) => r.postgresExited ?? 0),
    clientCpuMs: (sum((r) => r.clientCpuSeconds) / sessions) * 1000,
    clientBusy: Math.max(...rounds.map((r) => r.clientCpuSeconds / r.seconds)),
    ...(firstError === undefined ? {} : { firstError }),
  };
}

const f1 = (n: number) => round(n).toLocaleString('en-US');
const ms = (n: number) => `${round(n, 3)} ms`;
const pct = (share: number) => `${Math.round(share * 100)} %`;

function describe(name: string, t: Totals, ratios: readonly number[] | undefined): string {
  const parts = [
    `${name}: ${f1(t.perSecond)} sessions/s (${t.sessions.toLocaleString('en-US')} sessions in ${round(t.seconds, 2)} s)`,
  ];
  if (ratios !== undefined) parts.push(`ratio by round ${ratios.join(' / ')}`);
  parts.push(`server CPU ${ms(t.serverCpuMs)}/session`);
  if (Number.isFinite(t.postgresCpuMs))
    parts.push(
      `PostgreSQL CPU ${ms(t.postgresCpuMs)}/session${t.postgresExited > 0 ? ` (${t.postgresExited} backends exited: their CPU is missing)` : ''}`,
    );
  parts.push(`client CPU ${ms(t.clientCpuMs)}/session, busy up to ${pct(t.clientBusy)} of a core`);
  if (t.failed > 0) parts.push(`${t.failed} FAILED (first: ${t.firstError ?? '?'})`);
  return `  ${parts.join('; ')}`;
}

function dmcFigures(run: ContenderRun, t: Totals, nullRun: ContenderRun, nullRate: number): Figure[] {
  const { name, kind } = run.contender;
  const rate = t.failed > 0 ? Number.NaN : t.perSecond;
  const perRound = run.rounds.map((r, i) => round(r.perSecond / (nullRun.rounds[i]?.perSecond ?? NaN), 2));
  const ratioTarget =
    kind === 'sqlite' ? TARGETS.sqliteRatio : kind === 'postgres' ? TARGETS.postgresRatio : undefined;
  const figures: Figure[] = [
    {
      bench: 1,
      label: `sessions/s, dmc on ${name}`,
      value: round(rate),
      unit: '/s',
      ...(t.failed > 0 ? { note: `${t.failed} sessions failed: ${t.firstError ?? '?'}` } : {}),
    },
    {
      bench: 1,
      label: `ratio to null server, ${name}`,
      value: round(rate / nullRate, 2),
      unit: '×',
      note: `rounds ${perRound.join(', ')}`,
      ...(ratioTarget === undefined ? {} : { target: { op: '>=' as const, value: ratioTarget } }),
    },
    { bench: 1, label: `BFF CPU per session, ${name}`, value: round(t.serverCpuMs, 3), unit: 'ms' },
  ];
  if (Number.isFinite(t.postgresCpuMs)) {
    figures.push({
      bench: 1,
      label: `PostgreSQL CPU per session, ${name}`,
      value: round(t.postgresCpuMs, 3),
      unit: 'ms',
      note: `backends of the bench database${t.postgresExited > 0 ? `; ${t.postgresExited} exited, their CPU missing` : ''}`,
    });
  }
  return figures;
}

function clientFigures(ctx: BenchContext, nullTotals: Totals): Figure[] {
  if (nullTotals.clientBusy > CLIENT_BUSY_LIMIT) {
    ctx.log(
      `  WARNING: the client was busy ${pct(nullTotals.clientBusy)} of a core in a null-server round (limit ${pct(CLIENT_BUSY_LIMIT)}): it may be what limits the null server, and the ratios then flatter dmc.`,
    );
  } else {
    ctx.log(
      `  client check: busy at most ${pct(nullTotals.clientBusy)} of a core against the null server (limit ${pct(CLIENT_BUSY_LIMIT)}): the client is not the limit.`,
    );
  }
  return [
    {
      bench: 1,
      label: 'client CPU per session (lean client, null server rounds)',
      value: round(nullTotals.clientCpuMs, 3),
      unit: 'ms',
    },
    {
      bench: 1,
      label: "client's busy share of one core, null server rounds",
      value: Math.round(nullTotals.clientBusy * 100),
      unit: '%',
      target: { op: '<', value: CLIENT_BUSY_LIMIT * 100 },
    },
  ];
}

function sizingInputs(runs: readonly { run: ContenderRun; t: Totals }[]): SizingInput[] {
  const rateOf = (kind: string, instances: number) => {
    const found = runs.find((r) => r.run.contender.kind === kind && r.run.contender.instances === instances);
    return found === undefined || found.t.failed > 0 ? undefined : found.t.perSecond;
  };
  const columns: [string, string, number][] = [
    ['SQLite', 'sqlite', 1],
    ['PostgreSQL, 1 instance', 'postgres', 1],
    ['PostgreSQL + Redis, 2 instances', 'redis', 2],
  ];
  return columns.flatMap(([engine, kind, instances]) => {
    const rate = rateOf(kind, instances);
    return rate === undefined ? [] : [{ engine, sessionsPerSecond: rate, instances }];
  });
}

export function throughputFigures(ctx: BenchContext, runs: readonly ContenderRun[]): Figure[] {
  const [nullRun, ...dmc] = runs;
  if (nullRun === undefined) return [];
  const nullTotals = totals(nullRun.rounds);
  const nullRate = nullTotals.failed > 0 ? Number.NaN : nullTotals.perSecond;
  ctx.log(describe('null server', nullTotals, undefined));
  const figures: Figure[] = [
    { bench: 1, label: 'sessions/s, null server (machine limit)', value: round(nullRate), unit: '/s' },
    {
      bench: 1,
      label: 'server CPU per session, null server',
      value: round(nullTotals.serverCpuMs, 3),
      unit: 'ms',
    },
    ...clientFigures(ctx, nullTotals),
  ];
  const measured = dmc.map((run) => ({ run, t: totals(run.rounds) }));
  for (const { run, t } of measured) {
    const ratios = run.rounds.map((r, i) => round(r.perSecond / (nullRun.rounds[i]?.perSecond ?? NaN), 2));
    ctx.log(describe(`dmc on ${run.contender.name}`, t, ratios));
    figures.push(...dmcFigures(run, t, nullRun, nullRate));
  }
  const find = (kind: string, instances = 1) =>
    measured.find((m) => m.run.contender.kind === kind && m.run.contender.instances === instances)?.t;
  const sqlite = find('sqlite');
  const postgres = find('postgres');
  if (sqlite !== undefined && postgres !== undefined) {
    figures.push({
      bench: 1,
      label: 'PG/SQLite BFF CPU ratio (per session)',
      value: round(postgres.serverCpuMs / sqlite.serverCpuMs, 2),
      unit: '×',
      target: { op: '<=', value: TARGETS.pgOverSqliteCpu },
    });
  }
  const one = find('redis', 1);
  const two = find('redis', 2);
  if (one !== undefined && two !== undefined) {
    const rate = (t: Totals) => (t.failed > 0 ? Number.NaN : t.perSecond);
    figures.push({
      bench: 1,
      label: 'PostgreSQL + Redis: 2 instances / 1 instance',
      value: round(rate(two) / rate(one), 2),
      unit: '×',
      note: `${f1(rate(one))} → ${f1(rate(two))} sessions/s`,
    });
  }
  const table = sizing(sizingInputs(measured));
  if (table.columns.length > 0) {
    ctx.log(
      `\n  Sizing: devices per instance, one session per device per contact interval, at 50 % headroom:`,
    );
    for (const line of formatSizing(table).split('\n')) ctx.log(`  ${line}`);
    ctx.record?.('sizing', table);
  }
  return figures;
}
