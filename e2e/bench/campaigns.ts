// Benchmark 9 (issue 14): a campaign of one GET command over simulated devices that really hold DM
// sessions, among 100,000 registered devices. Reports the impact preview's time, the time from the
// start verb until every member's command is queued, devices finished per second, and the console
// API's p95 (a console polling in a process of its own) while the campaign runs against idle.
//
// The members are seeded with credentials and push URLs, and each holds one session first (its
// inventory, as a device does on first contact); the rest of the fleet is seeded as already reported
// and never connects. The campaign's query selects the members by label. Once started, the server
// queues each member's command, wakes it with a P0, and the simulator's fleet runner answers with a
// session that returns the result; the campaign step follows the commands to their end.
import os from 'node:os';
import {
  apiRoutes,
  campaignPreviewSchema,
  campaignRecordSchema,
  createdCampaignSchema,
  type CampaignAction,
  type CampaignRecord,
} from '@dmc/shared/api';
import { createFleet, MIIDS, MOIDS, type Fleet } from '@dmc/sim';
import { freePort, newDataDir, removeDataDir, startBff, type BffProcess } from './bff-process';
import { api } from './console-client';
import { startConsoleProbe, type ProbeResult } from './console-probe';
import type { BenchContext, Figure } from './figures';
import { openSeeder } from './seed';
import { median, round, sleep, summarize } from './stats';

const TARGET_LABEL = 'campaign-bench';
export const CAMPAIGN_QUERY = `label = "${TARGET_LABEL}"`;
const ACTION: CampaignAction = {
  kind: 'command',
  command: ['GET', `${MOIDS.devInfo}/${MIIDS.devInfo}/FwV`],
};
/** What a console polls: the Devices page (last contact first) and the campaign's detail. */
const devicesPath = `${apiRoutes.devices}?sort=lastSeenAt&order=desc&limit=50`;
const POLL_MS = 100;
const PROBE_PAUSE_MS = 100;

function sizes(quick: boolean) {
  // DMC_BENCH_CAMPAIGN_DEVICES sets the members of a full run, for a machine that sustains fewer.
  const members = Number(process.env.DMC_BENCH_CAMPAIGN_DEVICES ?? 10_000);
  return quick
    ? { registered: 2_000, members: 100, previews: 2, idleS: 3, timeoutS: 120 }
    : { registered: 100_000, members, previews: 3, idleS: 15, timeoutS: 900 };
}

type Call = ReturnType<typeof api>;

async function timedPreview(
  call: Call,
  query: string,
): Promise<{ ms: number; matched: number; run: number }> {
  const started = performance.now();
  const res = await call('POST', apiRoutes.campaignPreview, { query, action: ACTION });
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`the preview answered ${res.status}: ${JSON.stringify(res.json)}`);
  const preview = campaignPreviewSchema.parse(res.json);
  return { ms, matched: preview.matched, run: preview.wouldRun };
}

async function getCampaign(call: Call, id: string): Promise<CampaignRecord> {
  const res = await call('GET', apiRoutes.campaign(id));
  if (res.status !== 200) throw new Error(`the campaign answered ${res.status}`);
  return campaignRecordSchema.parse(res.json);
}

interface Progress {
  /** Seconds from the start verb until no member was pending (every command queued). */
  queuedS: number;
  /** Seconds from the start verb until the first member finished, and until every one did. */
  firstDoneS: number;
  doneS: number;
  last: CampaignRecord | undefined;
}

/** Polls the campaign until every member has finished (or the time is up). */
async function follow(call: Call, id: string, members: number, timeoutS: number): Promise<Progress> {
  const t0 = performance.now();
  const p: Progress = { queuedS: NaN, firstDoneS: NaN, doneS: NaN, last: undefined };
  while (performance.now() - t0 < timeoutS * 1000) {
    const c = await getCampaign(call, id);
    const at = (performance.now() - t0) / 1000;
    p.last = c;
    const { pending, running, ok, failed, skipped, cancelled } = c.counts;
    const finished = ok + failed + skipped + cancelled;
    if (Number.isNaN(p.queuedS) && pending === 0 && running + finished >= members) p.queuedS = at;
    if (Number.isNaN(p.firstDoneS) && ok + failed > 0) p.firstDoneS = at;
    if (finished >= members || c.state === 'completed' || c.state === 'cancelled' || c.state === 'paused') {
      p.doneS = finished >= members ? at : NaN;
      return p;
    }
    await sleep(POLL_MS);
  }
  return p;
}

/** CPU share of one core (%) a process used over `seconds`. */
const cpuPct = (cpuS: number, seconds: number) => round((cpuS / seconds) * 100);

async function seed(ctx: BenchContext, dataDir: string, fleet: Fleet, registered: number, members: number) {
  const push = fleet.push;
  if (push === undefined) throw new Error('the fleet has no push listener');
  const t0 = performance.now();
  const seeder = await openSeeder({ dataDir });
  await seeder.devices({
    prefix: 'cmp',
    count: members,
    credentials: true,
    pushUrl: (id) => push.url(id),
    labels: ['bench', TARGET_LABEL],
  });
  await seeder.devices({
    prefix: 'reg',
    count: registered - members,
    credentials: false,
    reported: true,
    labels: ['bench'],
  });
  await seeder.close();
  ctx.log(
    `  ${registered.toLocaleString('en-US')} devices registered (${members.toLocaleString('en-US')} of them members) in ${round((performance.now() - t0) / 1000, 1)} s`,
  );
}

async function inventory(ctx: BenchContext, fleet: Fleet): Promise<void> {
  const t0 = performance.now();
  const first = await fleet.runOnce();
  const s = (performance.now() - t0) / 1000;
  ctx.log(
    `  first contact (inventory) of every member: ${first.sessionsOk} sessions ok, ${first.sessionsFailed} failed in ${round(s, 1)} s (${round(first.sessionsOk / s)} /s)`,
  );
  if (first.sessionsFailed > 0) throw new Error(`${first.sessionsFailed} first sessions failed`);
}

export async function benchCampaigns(ctx: BenchContext): Promise<Figure[]> {
  const { registered, members, previews, idleS, timeoutS } = sizes(ctx.quick);
  const port = await freePort();
  const fleet = createFleet({
    devices: members,
    serverUrl: `http://127.0.0.1:${port}/dm`,
    prefix: 'cmp',
    concurrency: 64,
    push: {},
  });
  await fleet.ready();
  const dataDir = newDataDir('campaigns');
  let bff: BffProcess | undefined;
  try {
    await seed(ctx, dataDir, fleet, registered, members);
    bff = await startBff({ dataDir }, { port });
    await inventory(ctx, fleet);
    const token = await bff.login();
    const call = api(bff.baseUrl, token);

    // The impact preview: over the campaign's query, and over every registered device.
    const onQuery: number[] = [];
    const onAll: number[] = [];
    for (let i = 0; i < previews; i += 1) {
      const q = await timedPreview(call, CAMPAIGN_QUERY);
      if (q.matched !== members) throw new Error(`the preview matched ${q.matched} of ${members}`);
      onQuery.push(q.ms);
      const all = await timedPreview(call, '');
      if (all.matched !== registered) throw new Error(`the preview matched ${all.matched} of ${registered}`);
      onAll.push(all.ms);
    }
    ctx.log(
      `  preview, ${members} matching: ${onQuery.map((v) => round(v)).join(' / ')} ms; all ${registered} registered: ${onAll.map((v) => round(v)).join(' / ')} ms`,
    );

    // A draft, so an idle console can poll it before it starts.
    const created = await call('POST', apiRoutes.campaigns, {
      name: 'bench: GET DevInfo/FwV',
      query: CAMPAIGN_QUERY,
      action: ACTION,
      start: false,
    });
    if (created.status !== 201) throw new Error(`creating the campaign answered ${created.status}`);
    const { id } = createdCampaignSchema.parse(created.json);
    const probeConfig = {
      baseUrl: bff.baseUrl,
      token,
      paths: [devicesPath, apiRoutes.campaign(id)],
      pauseMs: PROBE_PAUSE_MS,
    };
    const idleProbe = startConsoleProbe(probeConfig);
    await sleep(idleS * 1000);
    const idle = await idleProbe.stop();

    const busyProbe = startConsoleProbe(probeConfig);
    await sleep(1000); // the probe's own start (tsx) is not part of the run
    const bffCpu0 = bff.cpuSeconds();
    const selfCpu0 = process.cpuUsage();
    const sessions0 = fleet.summary();
    const t0 = performance.now();
    const epoch0 = Date.now();
    const started = await call('POST', apiRoutes.campaignVerb(id, 'start'));
    if (started.status !== 200) throw new Error(`starting the campaign answered ${started.status}`);
    const progress = await follow(call, id, members, timeoutS);
    const wall = (performance.now() - t0) / 1000;
    const bffCpu = bff.cpuSeconds() - bffCpu0;
    const self = process.cpuUsage(selfCpu0);
    const busy = await busyProbe.stop();
    const sessions = fleet.summary();
    const counts = progress.last?.counts;
    const failed = (counts?.failed ?? 0) + (counts?.skipped ?? 0) + (counts?.cancelled ?? 0);
    ctx.log(
      `  campaign ${progress.last?.state ?? '?'}: ${JSON.stringify(counts)}; queued all in ${round(progress.queuedS, 2)} s, first finished at ${round(progress.firstDoneS, 2)} s, all at ${round(progress.doneS, 2)} s`,
    );
    const finishedRate = members / progress.doneS;
    const spread = progress.doneS - progress.firstDoneS;
    const steadyRate = spread > 0 ? `${round(members / spread)} /s` : 'all in one step';
    ctx.log(
      `  ${round(finishedRate)} devices finished/s from the start verb (${steadyRate} from the first to the last); sessions during the run ${sessions.sessionsOk - sessions0.sessionsOk} ok, ${sessions.sessionsFailed - sessions0.sessionsFailed} failed`,
    );
    const bffPct = cpuPct(bffCpu, wall);
    const load = os.loadavg().map((v) => round(v, 1));
    const genPct = cpuPct((self.user + self.system) / 1e6, wall);
    ctx.log(
      `  CPU over the run (% of one core): BFF ${bffPct} %, load generator (fleet + progress polling) ${genPct} %; BFF RSS ${round(bff.rssMiB())} MiB; machine load average ${load.join(' / ')} (1, 5, 15 min; 2 cores)`,
    );
    // The console's latencies: idle, over the whole run, and split at the moment all were queued.
    const queuedAt = epoch0 + progress.queuedS * 1000;
    const endAt = epoch0 + wall * 1000;
    const lat = (probe: ProbeResult, path: string, from = 0, to = Infinity) =>
      summarize((probe.samples[path] ?? []).filter((x) => x.at >= from && x.at < to).map((x) => x.ms));
    const rows = [
      ['GET /api/v1/devices', devicesPath],
      ['GET /api/v1/campaigns/:id', apiRoutes.campaign(id)],
    ] as const;
    for (const [name, path] of rows) {
      const i = lat(idle, path);
      const b = lat(busy, path, epoch0, endAt);
      const q = lat(busy, path, epoch0, queuedAt);
      const a = lat(busy, path, queuedAt, endAt);
      ctx.log(
        `  ${name}: idle p50 ${i.p50} / p95 ${i.p95} ms (${i.count}); campaign running p50 ${b.p50} / p95 ${b.p95} / max ${b.max} ms (${b.count}); while queueing p95 ${q.p95} / max ${q.max} ms (${q.count}), after p95 ${a.p95} / max ${a.max} ms (${a.count})`,
      );
      const worst = (busy.samples[path] ?? []).filter((x) => x.at >= epoch0).sort((x, y) => y.ms - x.ms);
      ctx.log(
        `    slowest: ${worst
          .slice(0, 5)
          .map((x) => `${round(x.ms)} ms at ${round((x.at - epoch0) / 1000, 1)} s`)
          .join(', ')}`,
      );
    }
    if (idle.errors + busy.errors > 0)
      ctx.log(`  console probe: ${idle.errors + busy.errors} answers not 200`);

    const scale = `${members.toLocaleString('en-US')} devices of ${registered.toLocaleString('en-US')}`;
    const cpuNote = `BFF CPU ${bffPct} %, load generator ${genPct} % of one core`;
    const complete = failed === 0 && Number.isFinite(progress.doneS);
    const figures: Figure[] = [
      {
        bench: 9,
        label: `preview, ${registered.toLocaleString('en-US')} registered (query matches all)`,
        value: round(median(onAll)),
        unit: 'ms',
        target: { op: '<', value: 2000 },
        note: `median of ${previews}; GET command, dry run per device`,
      },
      {
        bench: 9,
        label: `preview, ${members.toLocaleString('en-US')} of ${registered.toLocaleString('en-US')} match`,
        value: round(median(onQuery)),
        unit: 'ms',
        note: `median of ${previews}; ${CAMPAIGN_QUERY}`,
      },
      {
        bench: 9,
        label: `start → every command queued, ${scale}`,
        value: round(progress.queuedS, 2),
        unit: 's',
        note: 'one wave',
      },
      {
        bench: 9,
        label: `devices finished/s, ${scale}`,
        value: complete ? round(finishedRate) : Number.NaN,
        unit: '/s',
        note: `start verb → last device ok, ${failed} not ok; ${cpuNote}`,
      },
    ];
    for (const [name, path] of rows) {
      const i = lat(idle, path);
      const b = lat(busy, path, epoch0, endAt);
      figures.push(
        { bench: 9, label: `${name} p95, idle`, value: i.p95, unit: 'ms', note: `${i.count} requests` },
        {
          bench: 9,
          label: `${name} p95, campaign running`,
          value: b.p95,
          unit: 'ms',
          note: `${b.count} requests, one at a time, ${PROBE_PAUSE_MS} ms apart`,
        },
      );
    }
    return figures;
  } finally {
    await fleet.stop();
    await bff?.stop();
    removeDataDir(dataDir);
  }
}
