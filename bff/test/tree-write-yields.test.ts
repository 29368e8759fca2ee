// A big tree write does not hold the event loop (ARCHITECTURE.md, event-loop budget): while a
// 19,988-node DR upload or GET result is written, in one transaction, the server keeps answering
// /healthz. Asserted by order, not by time: /healthz requests are taken between the start and the end
// of the write's transaction, which can only happen if the write yields between its batches.
import { SESSION_ALERT_TYPES } from '@dmc/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Repositories } from '../src/persistence/ports';
import { LockstepDevice } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'device-secret-0123456789';
const SCOMO = 'urn:oma:mo:oma-scomo:1.0';
const NODES = 19_988; // 3 + 5 × 3,997

let server: TestServer;
/** What the server did, in order: transactions' work starting and ending, /healthz requests taken. */
const trace: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ settings: { maxPackageBytes: 4 * 1024 * 1024 } });
  const transaction = server.store.transaction.bind(server.store);
  server.store.transaction = <T>(work: (repos: Repositories) => Promise<T>): Promise<T> =>
    transaction(async (repos) => {
      trace.push('work-start');
      try {
        return await work(repos);
      } finally {
        trace.push('work-end');
      }
    });
  server.app.httpServer.on('request', (req: { url?: string }) => {
    if (req.url === '/healthz') trace.push('healthz');
  });
});
afterAll(async () => {
  await server.close();
});

/** SCOMO inventory MOData of `count` nodes (the root, Inventory, Deployed, components of 5 nodes). */
function inventory(count: number) {
  const deployed: Record<string, Record<string, string>> = {};
  for (let k = 0, n = 3; n + 5 <= count; k += 1, n += 5) {
    deployed[`C${k}`] = { ID: `com.example.c${k}`, Name: `Component ${k}`, Version: '1.0', State: '20' };
  }
  return { SCOMO: { Inventory: { Deployed: deployed } } };
}

/** Runs `write` while keeping two /healthz requests in flight; returns its result and the trace. */
async function whileProbing<T>(write: () => Promise<T>): Promise<{ result: T; seen: string[] }> {
  trace.length = 0;
  let done = false;
  const probe = async () => {
    while (!done) expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  };
  const probes = [probe(), probe()];
  try {
    return { result: await write(), seen: [...trace] };
  } finally {
    done = true;
    await Promise.all(probes);
  }
}

/** The /healthz requests taken while the longest transaction's work ran. */
function healthzDuringWrite(seen: readonly string[]): number {
  let best = 0;
  let inside: number | undefined;
  for (const step of seen) {
    if (step === 'work-start') inside = 0;
    else if (step === 'work-end') {
      best = Math.max(best, inside ?? 0);
      inside = undefined;
    } else if (inside !== undefined) inside += 1;
  }
  return best;
}

describe('a 20,000-node write', () => {
  it('by DR upload lets /healthz be answered while it is written', async () => {
    await server.registerDevice('yield-upload', SECRET);
    const queued = await server.api('POST', '/api/v1/devices/yield-upload/commands', {
      command: ['HPUT', null, `${SCOMO}/sw/`],
    });
    const { id } = (await queued.json()) as { id: string };
    const { command } = (await (await server.api('GET', `/api/v1/commands/${id}`)).json()) as {
      command: string[];
    };
    const body = JSON.stringify([{ ClientURI: `${SCOMO}/sw/`, MOData: inventory(NODES) }]);
    const { result, seen } = await whileProbing(async () => {
      const res = await fetch(command[1] ?? '', {
        method: 'PUT',
        headers: { 'content-type': 'application/vnd.oma.dm.mo+json' },
        body,
      });
      return res.status;
    });
    expect(result).toBe(200);
    expect(await server.store.tree.countNodes('yield-upload')).toBe(NODES);
    expect(healthzDuringWrite(seen)).toBeGreaterThanOrEqual(2);
  });

  it('by GET result in a P3 lets /healthz be answered while it is written', async () => {
    await server.registerDevice('yield-p3', SECRET);
    const dev = new LockstepDevice(server.baseUrl, 'yield-p3', SECRET);
    await server.api('POST', '/api/v1/devices/yield-p3/commands', { command: ['GET', `${SCOMO}/sw/`] });
    const p1 = await dev.p1({
      MOS: [{ MOID: SCOMO, MIID: ['sw'] }],
      Alert: [{ AlertType: SESSION_ALERT_TYPES.clientInitiated }],
    });
    const Status = (p1.body as { CMD: string[][] }).CMD.map((c) =>
      c[0] === 'GET' ? { sc: 200, Data: [{ ClientURI: c[1], MOData: inventory(NODES) }] } : { sc: 200 },
    );
    const { result, seen } = await whileProbing(async () => (await dev.p3({ Status })).status);
    expect(result).toBe(200);
    expect(await server.store.tree.countNodes('yield-p3')).toBe(NODES);
    expect(healthzDuringWrite(seen)).toBeGreaterThanOrEqual(2);
  });
});
