// Benchmark 4: the device list page (text filter + sort by firmware version, and a reported tree
// value in the fleet query) over a large fleet with its trees, loaded in bulk, on SQLite and PostgreSQL.
import { apiRoutes, devicePageSchema } from '@dmc/shared/api';
import { newDataDir, removeDataDir, startBff, type BffTarget } from './bff-process';
import { api } from './console-client';
import type { BenchContext, Figure } from './figures';
import { createBenchDatabase, databaseCpuSeconds } from './pg-database';
import { openSeeder } from './seed';
import { round, summarize } from './stats';

/** Filters a console user would type: makers, models, firmware versions and DevID fragments. */
const FILTERS = ['Acme', 'NW-200', '2.3.', 'Meter M5', 'flt-0042', 'Tab', 'Contoso', '1.0.7'];
const WARM_UP = 5;

export const FLEET_QUERY = 'GET /api/v1/devices?q=<filter>&sort=fwVersion&order=asc&limit=50';

/** A reported tree value in the fleet query: the first page of 100 with the total, as the console asks. */
export const TREE_VALUE_QUERY = '@FUMO/State != 10';
const TREE_VALUE_REQUEST = `query=${encodeURIComponent(TREE_VALUE_QUERY)}&sort=devId&order=asc&limit=100`;

async function measure(
  ctx: BenchContext,
  target: BffTarget,
  devices: number,
  engine: string,
): Promise<Figure[]> {
  const seeder = await openSeeder(target);
  const t0 = performance.now();
  await seeder.devices({
    prefix: 'flt',
    count: devices,
    credentials: false,
    reported: true,
    trees: true,
    labels: ['bench'],
  });
  await seeder.close();
  ctx.log(
    `  ${engine}: ${devices.toLocaleString('en-US')} devices loaded in ${round((performance.now() - t0) / 1000, 1)} s`,
  );
  const bff = await startBff(target);
  try {
    const call = api(bff.baseUrl, await bff.login());
    const requests = ctx.quick ? 16 : 120;
    let treeMatches = 0;
    const timed = async (query: string): Promise<number> => {
      const started = performance.now();
      const res = await call('GET', `${apiRoutes.devices}?${query}`);
      const ms = performance.now() - started;
      if (res.status !== 200) throw new Error(`device list answered ${res.status}`);
      if (query === TREE_VALUE_REQUEST) treeMatches = devicePageSchema.parse(res.json).total;
      return ms;
    };
    const filtered: number[] = [];
    const unfiltered: number[] = [];
    const treeValue: number[] = [];
    // CPU of the tree-value requests: the BFF's (with SQLite's work), and PostgreSQL's backends.
    const cpu = { bff: 0, database: 0 };
    const databaseCpu = async (): Promise<number> =>
      target.databaseUrl === undefined ? 0 : databaseCpuSeconds(target.databaseUrl);
    const timedTree = async (): Promise<number> => {
      const [bff0, db0] = [bff.cpuSeconds(), await databaseCpu()];
      const ms = await timed(TREE_VALUE_REQUEST);
      cpu.bff += bff.cpuSeconds() - bff0;
      cpu.database += (await databaseCpu()) - db0;
      return ms;
    };
    const byFilter = new Map<string, number[]>();
    for (let i = 0; i < WARM_UP + requests; i += 1) {
      const q = FILTERS[i % FILTERS.length] ?? '';
      const a = await timed(`q=${encodeURIComponent(q)}&sort=fwVersion&order=asc&limit=50`);
      const b = await timed(`sort=fwVersion&order=${i % 2 === 0 ? 'asc' : 'desc'}&limit=50`);
      const c = i % 2 === 0 || i < WARM_UP ? await timedTree() : undefined;
      if (i < WARM_UP) {
        cpu.bff = 0;
        cpu.database = 0;
        continue;
      }
      filtered.push(a);
      unfiltered.push(b);
      if (c !== undefined) treeValue.push(c);
      const times = byFilter.get(q) ?? [];
      times.push(a);
      byFilter.set(q, times);
    }
    const f = summarize(filtered);
    const u = summarize(unfiltered);
    ctx.log(
      `  ${engine}: filtered + sorted p50 ${f.p50} ms, p95 ${f.p95} ms; sorted only p50 ${u.p50} ms, p95 ${u.p95} ms (${requests} each)`,
    );
    const each = [...byFilter].map(([q, ms]) => `${q} ${summarize(ms).p50}`);
    ctx.log(`  ${engine}: median by filter (ms): ${each.join(', ')}`);
    const t = summarize(treeValue);
    const perRequest = (seconds: number): number => round((seconds * 1000) / Math.max(1, treeValue.length));
    const dbCpu = target.databaseUrl === undefined ? '' : `, PostgreSQL ${perRequest(cpu.database)} ms`;
    ctx.log(
      `  ${engine}: query ${TREE_VALUE_QUERY} by devId, limit 100 (${treeMatches.toLocaleString('en-US')} matches): p50 ${t.p50} ms, p95 ${t.p95} ms (${treeValue.length} requests); CPU per request: BFF ${perRequest(cpu.bff)} ms${dbCpu}`,
    );
    const size = devices >= 1000 ? `${devices / 1000}k` : String(devices);
    return [
      {
        bench: 4,
        label: `device list p95, ${size} devices, ${engine} (q + sort)`,
        value: f.p95,
        unit: 'ms',
        target: { op: '<', value: engine === 'PostgreSQL' ? 50 : 100 },
        note: FLEET_QUERY,
      },
      {
        bench: 4,
        label: `device list p95, ${size} devices, ${engine} (sort only)`,
        value: u.p95,
        unit: 'ms',
      },
      {
        bench: 4,
        label: `device list p95, ${size} devices, ${engine} (tree value ${TREE_VALUE_QUERY})`,
        value: t.p95,
        unit: 'ms',
        target: { op: '<', value: 100 },
        note: `GET /api/v1/devices?${TREE_VALUE_REQUEST}`,
      },
    ];
  } finally {
    await bff.stop();
  }
}

export async function benchFleetQueries(ctx: BenchContext): Promise<Figure[]> {
  const devices = ctx.quick ? 10_000 : 100_000;
  const figures: Figure[] = [];
  const dataDir = newDataDir('fleet');
  try {
    figures.push(...(await measure(ctx, { dataDir }, devices, 'SQLite')));
  } finally {
    removeDataDir(dataDir);
  }
  if (ctx.postgres) {
    const pgDir = newDataDir('fleet-pg');
    const db = await createBenchDatabase('fleet');
    try {
      figures.push(...(await measure(ctx, { dataDir: pgDir, databaseUrl: db.url }, devices, 'PostgreSQL')));
    } finally {
      await db.drop();
      removeDataDir(pgDir);
    }
  }
  return figures;
}
