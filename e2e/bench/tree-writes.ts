// Benchmark 7: storing a big tree (issue 12, "one device can freeze the server"). A device writes
// 5,000 and 20,000 nodes, once as a DR inbox upload and once as a GET result in a P3, while a prober
// asks /healthz in a loop. Figures: the write's time, the worst /healthz latency seen while writing, and
// the worst event-loop delay the server itself saw (dmc_event_loop_lag_seconds{stat="max"}).
import { DEVID_HEADER, MEDIA_TYPES, SESSION_ALERT_TYPES } from '@dmc/shared/protocol';
import { startBff, newDataDir, removeDataDir, type BffProcess } from './bff-process';
import { api } from './console-client';
import type { BenchContext, Figure } from './figures';
import { createBenchDatabase } from './pg-database';
import { round } from './stats';

const SCOMO = 'urn:oma:mo:oma-scomo:1.0';
const SECRET = 'bench-device-secret-0123';
/** 3 + 5 per component: just under DMC_MAX_NODES_PER_WRITE's default of 20,000. */
const SIZES = [4_998, 19_998] as const;

function inventory(count: number) {
  const deployed: Record<string, Record<string, string>> = {};
  for (let k = 0, n = 3; n + 5 <= count; k += 1, n += 5) {
    deployed[`C${k}`] = {
      ID: `com.example.component${k}`,
      Name: `Component ${k}`,
      Version: `${1 + (k % 7)}.${k % 10}.${k % 13}`,
      State: k % 3 === 0 ? '10' : '20',
    };
  }
  return { SCOMO: { Inventory: { Deployed: deployed } } };
}

/** Asks /healthz one request after the other until stopped; returns the slowest answer in ms. */
function probeHealth(baseUrl: string): { stop(): Promise<number> } {
  let running = true;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const res = await fetch(`${baseUrl}/healthz`);
      await res.arrayBuffer();
      worst = Math.max(worst, performance.now() - started);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return worst;
    },
  };
}

/** The server's worst event-loop delay since the previous scrape, in ms. */
async function serverLagMs(baseUrl: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const max = /^dmc_event_loop_lag_seconds\{stat="max"\} (\S+)$/m.exec(text)?.[1];
  return max === undefined ? Number.NaN : Number(max) * 1000;
}

interface WriteFigures {
  ms: number;
  healthzMs: number;
  lagMs: number;
}

/** Runs `write` (which must answer 200) under the prober; the server's lag is read before and after. */
async function measured(bff: BffProcess, write: () => Promise<number>): Promise<WriteFigures> {
  await serverLagMs(bff.baseUrl);
  const probe = probeHealth(bff.baseUrl);
  const started = performance.now();
  const status = await write();
  const ms = performance.now() - started;
  const healthzMs = await probe.stop();
  if (status !== 200) throw new Error(`the write answered ${status}`);
  return { ms, healthzMs, lagMs: await serverLagMs(bff.baseUrl) };
}

async function uploadWrite(bff: BffProcess, call: ReturnType<typeof api>, devId: string, count: number) {
  const queued = await call('POST', `/api/v1/devices/${devId}/commands`, {
    command: ['HPUT', null, `${SCOMO}/sw/`],
  });
  const { id } = queued.json as { id: string };
  const { command } = (await call('GET', `/api/v1/commands/${id}`)).json as { command: string[] };
  const body = JSON.stringify([{ ClientURI: `${SCOMO}/sw/`, MOData: inventory(count) }]);
  return measured(bff, async () => {
    const res = await fetch(command[1] ?? '', {
      method: 'PUT',
      headers: { 'content-type': MEDIA_TYPES.moData },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  });
}

async function p3Write(bff: BffProcess, call: ReturnType<typeof api>, devId: string, count: number) {
  await call('POST', `/api/v1/devices/${devId}/commands`, { command: ['GET', `${SCOMO}/sw/`] });
  const post = async (url: string, kind: 'initiation' | 'response', body: unknown) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': MEDIA_TYPES[kind],
        accept: MEDIA_TYPES.request,
        [DEVID_HEADER]: devId,
        authorization: `Basic ${Buffer.from(`${devId}:${SECRET}`).toString('base64')}`,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { CMD?: string[][] } };
  };
  const p1 = await post(`${bff.baseUrl}/dm`, 'initiation', {
    MOS: [{ MOID: SCOMO, MIID: ['sw'] }],
    Alert: [{ AlertType: SESSION_ALERT_TYPES.clientInitiated }],
  });
  const cmds = p1.body.CMD ?? [];
  const cont = cmds[0]?.[0] === 'CONT' ? cmds[0][1] : undefined;
  if (cont === undefined) throw new Error(`P1 answered ${p1.status} without CONT`);
  const Status = cmds.map((c) =>
    c[0] === 'GET' ? { sc: 200, Data: [{ ClientURI: c[1], MOData: inventory(count) }] } : { sc: 200 },
  );
  return measured(bff, async () => (await post(cont, 'response', { Status })).status);
}

async function runEngine(ctx: BenchContext, engine: 'SQLite' | 'PostgreSQL'): Promise<Figure[]> {
  const dataDir = newDataDir('tree-writes');
  const database = engine === 'PostgreSQL' ? await createBenchDatabase('tree_writes') : undefined;
  const bff = await startBff(
    { dataDir, ...(database ? { databaseUrl: database.url } : {}) },
    { env: { DMC_MAX_PACKAGE_BYTES: String(4 * 1024 * 1024) } },
  );
  const figures: Figure[] = [];
  try {
    const call = api(bff.baseUrl, await bff.login());
    for (const count of ctx.quick ? SIZES.slice(0, 1) : SIZES) {
      for (const [how, write] of [
        ['DR upload', uploadWrite],
        ['P3 GET result', p3Write],
      ] as const) {
        const devId = `tree-${how.startsWith('DR') ? 'up' : 'p3'}-${count}`;
        await call('POST', '/api/v1/devices', { devId, secret: SECRET });
        const f = await write(bff, call, devId, count);
        const what = `${count.toLocaleString('en-US')} nodes by ${how}, ${engine}`;
        ctx.log(
          `  ${what}: stored in ${round(f.ms, 0)} ms; worst /healthz ${round(f.healthzMs, 0)} ms; server's worst event-loop delay ${round(f.lagMs, 0)} ms`,
        );
        figures.push(
          {
            bench: 7,
            label: `tree write, ${what}`,
            value: round(f.ms),
            unit: 'ms',
            target: { op: '<', value: 1000 },
          },
          {
            bench: 7,
            label: `worst /healthz while writing, ${what}`,
            value: round(f.healthzMs),
            unit: 'ms',
            target: { op: '<', value: 200 },
          },
          {
            bench: 7,
            label: `worst event-loop stall while writing, ${what}`,
            value: round(f.lagMs),
            unit: 'ms',
            target: { op: '<', value: 100 },
            note: 'dmc_event_loop_lag_seconds{stat="max"} over the write',
          },
        );
      }
    }
    return figures;
  } finally {
    await bff.stop();
    await database?.drop();
    removeDataDir(dataDir);
  }
}

export async function benchTreeWrites(ctx: BenchContext): Promise<Figure[]> {
  const figures = await runEngine(ctx, 'SQLite');
  if (ctx.postgres) figures.push(...(await runEngine(ctx, 'PostgreSQL')));
  return figures;
}
