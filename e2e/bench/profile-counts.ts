// Benchmark 12: the time to show a 100,000-device profile's counts (issue 17, protocol §14). A fleet
// and one profile over every device are loaded in bulk (statuses mixed: mostly verified, some
// pending, failed and conflicted), then the BFF answers, interleaved, the profile list with its
// counts (GET /api/v1/profiles: one GROUP BY over the (profile_id, status, dev_id) index for every
// profile) and the profile's status page of failed devices with its counts (GET …/status). Neither
// reads a device tree.
import { profileListSchema, profileStatusPageSchema } from '@dmc/shared/api';
import { newDataDir, removeDataDir, startBff, type BffTarget } from './bff-process';
import { api } from './console-client';
import type { BenchContext, Figure } from './figures';
import { createBenchDatabase } from './pg-database';
import { openSeeder } from './seed';
import { round, summarize } from './stats';

const PROFILE_ID = 'bench-profile';
const DEVICES = 100_000;
const WARM_UP = 5;
const TARGET_MS = 100;

/** 85% verified, 7% pending, 5% failed, 3% conflicted, spread over the fleet. */
function statusOf(i: number) {
  const r = i % 100;
  return r < 85 ? 'verified' : r < 92 ? 'pending' : r < 97 ? 'failed' : 'conflicted';
}

export interface ProfileCountsOptions {
  /** Devices in the profile (default 100,000; the smoke test uses a few hundred). */
  devices?: number;
  /** The BFF's port (default: a free one). */
  port?: number;
}

async function runEngine(
  ctx: BenchContext,
  engine: 'SQLite' | 'PostgreSQL',
  options: ProfileCountsOptions,
): Promise<Figure[]> {
  const devices = options.devices ?? DEVICES;
  const dataDir = newDataDir('profile-counts');
  const database = engine === 'PostgreSQL' ? await createBenchDatabase('profile_counts') : undefined;
  const target: BffTarget = { dataDir, ...(database ? { databaseUrl: database.url } : {}) };
  try {
    const t0 = performance.now();
    const seeder = await openSeeder(target);
    const ids = await seeder.devices({ prefix: 'prof', count: devices, credentials: false });
    const nodes = [{ uri: 'urn:oma:mo:oma-dm-devdetail:1.0//Ext/Wifi/Region', value: 'eu' }];
    await seeder.profile({ id: PROFILE_ID, name: 'Wifi EU', nodes }, ids, statusOf);
    await seeder.close();
    ctx.log(
      `  ${engine}: ${devices.toLocaleString('en-US')} devices and their profile states loaded in ${round((performance.now() - t0) / 1000, 1)} s`,
    );
    const bff = await startBff(target, options.port === undefined ? {} : { port: options.port });
    try {
      const call = api(bff.baseUrl, await bff.login());
      const timed = async (path: string) => {
        const started = performance.now();
        const res = await call('GET', path);
        const ms = performance.now() - started;
        if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
        return { ms, json: res.json };
      };
      const listed: number[] = [];
      const paged: number[] = [];
      const repetitions = ctx.quick ? 20 : 100;
      let total = 0;
      for (let i = 0; i < WARM_UP + repetitions; i += 1) {
        const list = await timed('/api/v1/profiles');
        const page = await timed(`/api/v1/profiles/${PROFILE_ID}/status?status=failed&limit=50`);
        const counts = profileListSchema.parse(list.json).items[0]?.counts;
        profileStatusPageSchema.parse(page.json);
        total =
          counts === undefined ? 0 : counts.verified + counts.pending + counts.failed + counts.conflicted;
        if (i < WARM_UP) continue;
        listed.push(list.ms);
        paged.push(page.ms);
      }
      if (total !== devices) throw new Error(`the counts add up to ${total}, not ${devices}`);
      const l = summarize(listed);
      const p = summarize(paged);
      const what = `${devices.toLocaleString('en-US')}-device profile, ${engine}`;
      ctx.log(
        `  ${what}: profile list with counts p50 ${l.p50} ms, p95 ${l.p95} ms; status page (failed) p50 ${p.p50} ms, p95 ${p.p95} ms (target < ${TARGET_MS} ms, ${repetitions} each)`,
      );
      const note = `p50 ${l.p50} ms; ${repetitions} requests interleaved with the status page`;
      return [
        {
          bench: 12,
          label: `profile list with counts p95, ${what}`,
          value: l.p95,
          unit: 'ms',
          target: { op: '<', value: TARGET_MS },
          note,
        },
        {
          bench: 12,
          label: `profile status page (failed, 50) with counts p95, ${what}`,
          value: p.p95,
          unit: 'ms',
          target: { op: '<', value: TARGET_MS },
          note: `p50 ${p.p50} ms`,
        },
      ];
    } finally {
      await bff.stop();
    }
  } finally {
    await database?.drop();
    removeDataDir(dataDir);
  }
}

export async function benchProfileCounts(
  ctx: BenchContext,
  options: ProfileCountsOptions = {},
): Promise<Figure[]> {
  const figures = await runEngine(ctx, 'SQLite', options);
  if (ctx.postgres) figures.push(...(await runEngine(ctx, 'PostgreSQL', options)));
  return figures;
}
