// Benchmark 10: the cost of tree history (issue 15, protocol §13). A device stores 19,998 nodes by
// a DR upload, then re-reports its whole tree in sessions, each changing 1% of the node values.
// Figures: history rows and bytes written per session beside the tree rows it wrote (write
// amplification), and the time to render the 20,000-node tree as of before those sessions
// (GET …/tree?at=, undoing every later change), with the server's worst event-loop delay meanwhile.
import { MEDIA_TYPES } from '@dmc/shared/protocol';
import { startBff, newDataDir, removeDataDir, type BffProcess } from './bff-process';
import { api } from './console-client';
import type { BenchContext, Figure } from './figures';
import { createBenchDatabase } from './pg-database';
import { median, round } from './stats';

const SCOMO = 'urn:oma:mo:oma-scomo:1.0';
const SECRET = 'bench-device-secret-0123';
/** 3 + 5 per component: just under DMC_MAX_NODES_PER_WRITE's default of 20,000. */
const COMPONENTS = 3_999;
const NODES = 3 + 5 * COMPONENTS;
/** Share of the nodes whose value changes in a session (one State each). */
const CHANGED_SHARE = 0.01;

type Call = ReturnType<typeof api>;

/** The SCOMO inventory of a device in its `round`-th session: 1% of the States differ each time. */
function inventory(round: number) {
  const deployed: Record<string, Record<string, string>> = {};
  const changing = Math.round(NODES * CHANGED_SHARE);
  for (let k = 0; k < COMPONENTS; k += 1) {
    const changedIn = Math.floor(k / changing) < round ? Math.floor(k / changing) + 1 : 0;
    deployed[`C${k}`] = {
      ID: `com.example.component${k}`,
      Name: `Component ${k}`,
      Version: `${1 + (k % 7)}.${k % 10}.${k % 13}`,
      State: changedIn > 0 ? `state-after-session-${changedIn}` : '20',
    };
  }
  return { SCOMO: { Inventory: { Deployed: deployed } } };
}

/** One session's report: an HPUT queued, and the device's upload of its whole tree. */
async function upload(call: Call, devId: string, round: number): Promise<void> {
  const queued = await call('POST', `/api/v1/devices/${devId}/commands`, {
    command: ['HPUT', null, `${SCOMO}/sw/`],
  });
  const { id } = queued.json as { id: string };
  const { command } = (await call('GET', `/api/v1/commands/${id}`)).json as { command: string[] };
  const res = await fetch(command[1] ?? '', {
    method: 'PUT',
    headers: { 'content-type': MEDIA_TYPES.moData },
    body: JSON.stringify([{ ClientURI: `${SCOMO}/sw/`, MOData: inventory(round) }]),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`the upload answered ${res.status}`);
}

interface Change {
  path: string;
  before: string | null;
  after: string | null;
  beforeFormat: string | null;
  afterFormat: string | null;
  sessionId?: string | null;
  commandId?: string | null;
}

/** Bytes of the stored row data of changes (text columns, the time and the key). */
function rowBytes(changes: readonly Change[]): number {
  const text = (s: string | null | undefined) => Buffer.byteLength(s ?? '');
  return changes.reduce(
    (sum, c) =>
      sum +
      text(c.path) +
      text(c.before) +
      text(c.after) +
      text(c.beforeFormat) +
      text(c.afterFormat) +
      text(c.sessionId) +
      text(c.commandId) +
      16,
    0,
  );
}

async function serverLagMs(baseUrl: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const max = /^dmc_event_loop_lag_seconds\{stat="max"\} (\S+)$/m.exec(text)?.[1];
  return max === undefined ? Number.NaN : Number(max) * 1000;
}

async function measure(bff: BffProcess, call: Call, path: string, runs: number) {
  await serverLagMs(bff.baseUrl);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const res = await call('GET', path);
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  }
  return { ms: median(times), lagMs: await serverLagMs(bff.baseUrl) };
}

async function runEngine(ctx: BenchContext, engine: 'SQLite' | 'PostgreSQL'): Promise<Figure[]> {
  const dataDir = newDataDir('tree-history');
  const database = engine === 'PostgreSQL' ? await createBenchDatabase('tree_history') : undefined;
  const bff = await startBff(
    { dataDir, ...(database ? { databaseUrl: database.url } : {}) },
    { env: { DMC_MAX_PACKAGE_BYTES: String(4 * 1024 * 1024) } },
  );
  try {
    const call = api(bff.baseUrl, await bff.login());
    const devId = 'history-20k';
    await call('POST', '/api/v1/devices', { devId, secret: SECRET });
    await upload(call, devId, 0);
    const before = new Date().toISOString();
    const sessions = ctx.quick ? 3 : 10;
    for (let round = 1; round <= sessions; round += 1) await upload(call, devId, round);
    const diff = await call(
      'GET',
      `/api/v1/devices/${devId}/tree/diff?from=${encodeURIComponent(before)}&limit=2000`,
    );
    const changes = (diff.json as { changes: Change[] }).changes;
    // Each later session changed other nodes: every change of the sessions is one row of the diff.
    const rowsPerSession = changes.length / sessions;
    const bytesPerSession = rowBytes(changes) / sessions;
    const current = await measure(bff, call, `/api/v1/devices/${devId}/tree`, 3);
    const asOf = await measure(
      bff,
      call,
      `/api/v1/devices/${devId}/tree?at=${encodeURIComponent(before)}`,
      ctx.quick ? 2 : 5,
    );
    const what = `${NODES.toLocaleString('en-US')}-node device, ${engine}`;
    ctx.log(
      `  ${what}: ${round(rowsPerSession, 0)} history rows (~${round(bytesPerSession / 1024, 1)} KiB) per session beside ${NODES} tree rows written; ` +
        `tree as of before ${sessions} sessions in ${round(asOf.ms, 0)} ms (current tree ${round(current.ms, 0)} ms), worst event-loop delay ${round(asOf.lagMs, 0)} ms`,
    );
    return [
      {
        bench: 10,
        label: `history rows per session (1% of values changed), ${what}`,
        value: round(rowsPerSession, 0),
        unit: 'rows',
        note: `${NODES} tree rows written per session: ${round((rowsPerSession / NODES) * 100, 2)}% extra rows`,
      },
      {
        bench: 10,
        label: `history bytes per session, ${what}`,
        value: round(bytesPerSession / 1024, 1),
        unit: 'KiB',
        note: 'row data (key, values, formats, cause); indexes come on top',
      },
      {
        bench: 10,
        label: `tree as of a past time, ${what}`,
        value: round(asOf.ms),
        unit: 'ms',
        target: { op: '<', value: 1000 },
        note: `undoing ${changes.length} later changes; the current tree takes ${round(current.ms)} ms`,
      },
      {
        bench: 10,
        label: `worst event-loop stall rendering as of, ${what}`,
        value: round(asOf.lagMs),
        unit: 'ms',
        target: { op: '<', value: 100 },
        note: 'dmc_event_loop_lag_seconds{stat="max"} over the reads',
      },
    ];
  } finally {
    await bff.stop();
    await database?.drop();
    removeDataDir(dataDir);
  }
}

export async function benchTreeHistory(ctx: BenchContext): Promise<Figure[]> {
  const figures = await runEngine(ctx, 'SQLite');
  if (ctx.postgres && !ctx.quick) figures.push(...(await runEngine(ctx, 'PostgreSQL')));
  return figures;
}
