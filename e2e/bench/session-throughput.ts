// Benchmark 1: full DM sessions per second (P1 → P2 CONT+GET → P3 with data → END), many simulated
// devices in parallel, against dmc on SQLite and PostgreSQL and against the null server.
import type { BenchContext, Figure } from './figures';
import { newDataDir, removeDataDir, startBff, type BffTarget } from './bff-process';
import { spawnNullServer } from './null-server';
import { createBenchDatabase } from './pg-database';
import { openSeeder } from './seed';
import { runSessions, simDevices, type LoadResult } from './session-load';
import { round } from './stats';

export const SESSION_CONCURRENCY = 32;

function sizes(quick: boolean) {
  return quick ? { warm: 30, measured: 150 } : { warm: 300, measured: 3000 };
}

/** Warm-up round, then the measured round, each device in a fresh (never-inventoried) state. */
async function measure(
  serverUrl: string,
  prefix: string,
  quick: boolean,
  concurrency = SESSION_CONCURRENCY,
): Promise<LoadResult> {
  const { warm, measured } = sizes(quick);
  await runSessions(simDevices(prefix, warm, serverUrl), concurrency);
  const devices = simDevices(prefix, measured, serverUrl, warm + 1);
  return runSessions(devices, concurrency);
}

async function measureDmc(ctx: BenchContext, target: BffTarget, prefix: string) {
  const { warm, measured } = sizes(ctx.quick);
  const seeder = await openSeeder(target);
  await seeder.devices({ prefix, count: warm + measured, credentials: true });
  await seeder.close();
  const bff = await startBff(target);
  try {
    const cpu0 = bff.cpuSeconds();
    const result = await measure(`${bff.baseUrl}/dm`, prefix, ctx.quick);
    const cpuPerSession = ((bff.cpuSeconds() - cpu0) / (warm + measured)) * 1000;
    return { result, cpuMsPerSession: cpuPerSession, rss: bff.rssMiB() };
  } finally {
    await bff.stop();
  }
}

function describe(r: LoadResult): string {
  const failed = r.failed > 0 ? `, ${r.failed} FAILED (${r.firstError ?? '?'})` : '';
  return `${r.sessions} sessions in ${round(r.seconds, 2)} s, ${round(r.packages / r.sessions, 2)} packages each${failed}`;
}

export async function benchSessionThroughput(ctx: BenchContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  const nullServer = await spawnNullServer();
  let nullRate: number;
  try {
    const r = await measure(`${nullServer.url}/dm`, 'null', ctx.quick);
    nullRate = r.perSecond;
    ctx.log(`  null server: ${round(r.perSecond)} sessions/s (${describe(r)})`);
    figures.push({
      bench: 1,
      label: 'sessions/s, null server (machine limit)',
      value: round(r.perSecond),
      unit: '/s',
    });
  } finally {
    await nullServer.stop();
  }

  const engines: {
    name: string;
    prefix: string;
    open: () => Promise<{ target: BffTarget; done: () => Promise<void> }>;
  }[] = [
    {
      name: 'SQLite',
      prefix: 'tput',
      open: () => {
        const dataDir = newDataDir('tput');
        return Promise.resolve({ target: { dataDir }, done: () => Promise.resolve(removeDataDir(dataDir)) });
      },
    },
  ];
  if (ctx.postgres) {
    engines.push({
      name: 'PostgreSQL',
      prefix: 'tpg',
      open: async () => {
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
    });
  }
  for (const engine of engines) {
    const { target, done } = await engine.open();
    try {
      const { result, cpuMsPerSession, rss } = await measureDmc(ctx, target, engine.prefix);
      ctx.log(
        `  dmc on ${engine.name}: ${round(result.perSecond)} sessions/s (${describe(result)}); BFF CPU ${round(cpuMsPerSession, 2)} ms/session, RSS ${round(rss)} MiB`,
      );
      const rate = result.failed > 0 ? Number.NaN : result.perSecond;
      figures.push({
        bench: 1,
        label: `sessions/s, dmc on ${engine.name}`,
        value: round(rate),
        unit: '/s',
        note: `BFF CPU ${round(cpuMsPerSession, 2)} ms per session`,
      });
      figures.push({
        bench: 1,
        label: `ratio to null server, ${engine.name}`,
        value: round(rate / nullRate, 2),
        unit: '×',
        ...(engine.name === 'SQLite' ? { target: { op: '>=' as const, value: 0.5 } } : {}),
      });
    } finally {
      await done();
    }
  }
  return figures;
}
