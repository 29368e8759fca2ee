// Benchmark 1: full DM sessions per second (P1 → P2 CONT+GET → P3 with data → END), many simulated
// devices in parallel, against dmc on SQLite and PostgreSQL and against the null server.
//
// The servers run side by side and the measured sessions go in interleaved rounds (null, SQLite,
// PostgreSQL, null, …), so a machine whose speed drifts during the run (shared cores) weighs on
// every server alike. Each rate is sessions over time summed across its rounds; the ratio is dmc's
// rate over the null server's.
import type { BenchContext, Figure } from './figures';
import { newDataDir, removeDataDir, startBff, type BffProcess, type BffTarget } from './bff-process';
import { spawnNullServer } from './null-server';
import { createBenchDatabase } from './pg-database';
import { openSeeder } from './seed';
import { runSessions, simDevices, type LoadResult } from './session-load';
import { round } from './stats';

export const SESSION_CONCURRENCY = 32;

function sizes(quick: boolean) {
  return quick ? { warm: 30, rounds: 2, perRound: 75 } : { warm: 300, rounds: 3, perRound: 1000 };
}

/** One server under test: where its devices point, and what it cost. */
interface Contender {
  name: string;
  prefix: string;
  url: string;
  bff?: BffProcess;
  /** Sessions so far, for numbering fresh (never-inventoried) devices. */
  next: number;
  results: LoadResult[];
  cpu0: number;
  stop(): Promise<void>;
}

async function startDmc(
  name: string,
  prefix: string,
  open: () => Promise<{ target: BffTarget; done: () => Promise<void> }>,
  devices: number,
): Promise<Contender> {
  const { target, done } = await open();
  try {
    const seeder = await openSeeder(target);
    await seeder.devices({ prefix, count: devices, credentials: true });
    await seeder.close();
    const bff = await startBff(target);
    return {
      name,
      prefix,
      url: `${bff.baseUrl}/dm`,
      bff,
      next: 1,
      results: [],
      cpu0: 0,
      async stop() {
        await bff.stop();
        await done();
      },
    };
  } catch (err) {
    await done();
    throw err;
  }
}

async function runRound(c: Contender, count: number): Promise<LoadResult> {
  const devices = simDevices(c.prefix, count, c.url, c.next);
  c.next += count;
  return runSessions(devices, SESSION_CONCURRENCY);
}

function total(results: readonly LoadResult[]) {
  const sessions = results.reduce((s, r) => s + r.sessions, 0);
  const seconds = results.reduce((s, r) => s + r.seconds, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  const packages = results.reduce((s, r) => s + r.packages, 0);
  const firstError = results.find((r) => r.firstError !== undefined)?.firstError;
  return { sessions, seconds, failed, packages, perSecond: sessions / seconds, firstError };
}

function describe(r: ReturnType<typeof total>): string {
  const failed = r.failed > 0 ? `, ${r.failed} FAILED (${r.firstError ?? '?'})` : '';
  return `${r.sessions} sessions in ${round(r.seconds, 2)} s, ${round(r.packages / r.sessions, 2)} packages each${failed}`;
}

export async function benchSessionThroughput(ctx: BenchContext): Promise<Figure[]> {
  const { warm, rounds, perRound } = sizes(ctx.quick);
  const devices = warm + rounds * perRound;
  const contenders: Contender[] = [];
  try {
    const nullServer = await spawnNullServer();
    contenders.push({
      name: 'null server',
      prefix: 'null',
      url: `${nullServer.url}/dm`,
      next: 1,
      results: [],
      cpu0: 0,
      stop: () => nullServer.stop(),
    });
    contenders.push(
      await startDmc(
        'SQLite',
        'tput',
        () => {
          const dataDir = newDataDir('tput');
          return Promise.resolve({
            target: { dataDir },
            done: () => Promise.resolve(removeDataDir(dataDir)),
          });
        },
        devices,
      ),
    );
    if (ctx.postgres) {
      contenders.push(
        await startDmc(
          'PostgreSQL',
          'tpg',
          async () => {
            const dataDir = newDataDir('tpg');
            const db = await createBenchDatabase('tput');
            return {
              target: { dataDir, databaseUrl: db.url },
              done: async () => {
                await db.drop();
                removeDataDir(dataDir);
              },
            };
          },
          devices,
        ),
      );
    }
    for (const c of contenders) {
      await runRound(c, warm);
      c.cpu0 = c.bff?.cpuSeconds() ?? 0;
    }
    for (let i = 0; i < rounds; i += 1) {
      for (const c of contenders) c.results.push(await runRound(c, perRound));
    }
    return report(ctx, contenders);
  } finally {
    for (const c of contenders) await c.stop();
  }
}

function report(ctx: BenchContext, contenders: readonly Contender[]): Figure[] {
  const [nullServer, ...dmc] = contenders;
  if (nullServer === undefined) return [];
  const nullTotal = total(nullServer.results);
  ctx.log(`  null server: ${round(nullTotal.perSecond)} sessions/s (${describe(nullTotal)})`);
  const figures: Figure[] = [
    {
      bench: 1,
      label: 'sessions/s, null server (machine limit)',
      value: round(nullTotal.perSecond),
      unit: '/s',
    },
  ];
  for (const c of dmc) {
    const t = total(c.results);
    const cpuMs = c.bff ? ((c.bff.cpuSeconds() - c.cpu0) / t.sessions) * 1000 : Number.NaN;
    const perRound = c.results.map((r, i) =>
      round(r.perSecond / (nullServer.results[i]?.perSecond ?? NaN), 2),
    );
    ctx.log(
      `  dmc on ${c.name}: ${round(t.perSecond)} sessions/s (${describe(t)}); BFF CPU ${round(cpuMs, 2)} ms/session, RSS ${round(c.bff?.rssMiB() ?? NaN)} MiB; ratio by round ${perRound.join(' / ')}`,
    );
    const rate = t.failed > 0 ? Number.NaN : t.perSecond;
    figures.push({
      bench: 1,
      label: `sessions/s, dmc on ${c.name}`,
      value: round(rate),
      unit: '/s',
      note: `BFF CPU ${round(cpuMs, 2)} ms per session`,
    });
    figures.push({
      bench: 1,
      label: `ratio to null server, ${c.name}`,
      value: round(rate / nullTotal.perSecond, 2),
      unit: '×',
      note: `rounds ${perRound.join(', ')}`,
      ...(c.name === 'SQLite' ? { target: { op: '>=' as const, value: 0.5 } } : {}),
    });
  }
  return figures;
}
