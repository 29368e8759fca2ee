// Node limits (protocol §12) over real HTTP: MO data beyond DMC_MAX_NODES_PER_WRITE (per package or
// upload) or DMC_MAX_NODES_PER_DEVICE is stored not at all. A DR upload gets 413 with a problem body
// naming the limit; a GET result in a P3 records its command as failed with status 413 and the limit
// as its reason, and the session goes on.
import { SESSION_ALERT_TYPES } from '@dmc/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockstepDevice } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'device-secret-0123456789';
const SCOMO = 'urn:oma:mo:oma-scomo:1.0';
const LIMITS = { maxNodesPerWrite: 50, maxNodesPerDevice: 80 };

let server: TestServer;
let devices = 0;

beforeAll(async () => {
  server = await startTestServer({ settings: { treeLimits: LIMITS, maxPackageBytes: 1024 * 1024 } });
});
afterAll(async () => {
  await server.close();
});

/** MOData of the SCOMO instance root holding `count` nodes: the root, Inventory and leaves. */
function inventory(count: number, prefix = 'C') {
  const leaves = Object.fromEntries(Array.from({ length: count - 2 }, (_, i) => [`${prefix}${i}`, `v${i}`]));
  return { SCOMO: { Inventory: leaves } };
}

async function newDevice(): Promise<LockstepDevice> {
  devices += 1;
  const devId = `tree-limits-${devices}`;
  await server.registerDevice(devId, SECRET);
  return new LockstepDevice(server.baseUrl, devId, SECRET);
}

async function queue(devId: string, command: (string | null)[]): Promise<string> {
  const res = await server.api('POST', `/api/v1/devices/${devId}/commands`, { command });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function commandOf(id: string) {
  const res = await server.api('GET', `/api/v1/commands/${id}`);
  return (await res.json()) as { state: string; sc: number | null; result: unknown; command: string[] };
}

/** Opens an HPUT inbox on the device and uploads `body` to it. */
async function upload(devId: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const { command } = await commandOf(await queue(devId, ['HPUT', null, `${SCOMO}/sw/`]));
  const res = await fetch(command[1] ?? '', {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.oma.dm.mo+json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** A session in which the device answers each GET of the P2 with the data `answers` gives for it. */
async function answerGets(dev: LockstepDevice, answers: (target: string) => unknown) {
  const p1 = await dev.p1({
    MOS: [{ MOID: SCOMO, MIID: ['sw'] }],
    Alert: [{ AlertType: SESSION_ALERT_TYPES.clientInitiated }],
  });
  expect(p1.status).toBe(200);
  const cmds = (p1.body as { CMD: string[][] }).CMD;
  const Status = cmds.map((c) =>
    c[0] === 'GET' ? { sc: 200, Data: [{ ClientURI: c[1], MOData: answers(c[1] ?? '') }] } : { sc: 200 },
  );
  return dev.p3({ Status });
}

describe('a DR inbox upload beyond the node limits', () => {
  it('gets 413 naming DMC_MAX_NODES_PER_WRITE, and nothing is stored', async () => {
    const dev = await newDevice();
    const res = await upload(dev.devId, [{ ClientURI: `${SCOMO}/sw/`, MOData: inventory(51) }]);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringContaining('DMC_MAX_NODES_PER_WRITE'),
        details: { limit: 'DMC_MAX_NODES_PER_WRITE', max: 50, nodes: 51 },
      },
    });
    expect(await server.store.tree.listNodes(dev.devId)).toEqual([]);
    expect(await server.store.tree.listInstances(dev.devId)).toEqual([]);
    // At the limit it is taken.
    const taken = await upload(dev.devId, [{ ClientURI: `${SCOMO}/sw/`, MOData: inventory(50) }]);
    expect(taken.status).toBe(200);
    expect(await server.store.tree.countNodes(dev.devId)).toBe(50);
  });

  it('counts every item of the upload together', async () => {
    const dev = await newDevice();
    const items = [
      { ClientURI: `${SCOMO}/sw/`, MOData: inventory(30) },
      { ClientURI: `${SCOMO}/sw/Inventory/X`, MOData: { X: { A: '1', B: '2' } } },
      {
        ClientURI: `${SCOMO}/sw/Inventory/Y`,
        MOData: { Y: Object.fromEntries([...'ABCDEFGHIJKLMNOPQRS'].map((k) => [k, k])) },
      },
    ];
    const res = await upload(dev.devId, items);
    expect(res.status).toBe(413);
    expect(await server.store.tree.listNodes(dev.devId)).toEqual([]);
  });

  it('gets 413 naming DMC_MAX_NODES_PER_DEVICE when the device would hold too many, and nothing is stored', async () => {
    const dev = await newDevice();
    expect((await upload(dev.devId, [{ ClientURI: `${SCOMO}/sw/`, MOData: inventory(45) }])).status).toBe(
      200,
    );
    const before = await server.store.tree.listNodes(dev.devId);
    // 40 nodes, of which the root and Inventory are stored already: 38 new, 83 in all.
    const res = await upload(dev.devId, [{ ClientURI: `${SCOMO}/sw/`, MOData: inventory(40, 'D') }]);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringContaining('DMC_MAX_NODES_PER_DEVICE'),
        details: { limit: 'DMC_MAX_NODES_PER_DEVICE', max: 80, nodes: 83 },
      },
    });
    expect(await server.store.tree.listNodes(dev.devId)).toEqual(before);
    // Rewriting stored nodes adds none: that passes.
    const rewrite = await upload(dev.devId, [{ ClientURI: `${SCOMO}/sw/`, MOData: inventory(45) }]);
    expect(rewrite.status).toBe(200);
  });
});

describe('a GET result in a P3 beyond the node limits', () => {
  it('fails its command with status 413 naming the limit, stores nothing of it, and the session goes on', async () => {
    const dev = await newDevice();
    const id = await queue(dev.devId, ['GET', `${SCOMO}/sw/`]);
    const res = await answerGets(dev, () => inventory(51));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ CMD: [['END']] });
    const command = await commandOf(id);
    expect(command).toMatchObject({
      state: 'failed',
      sc: 413,
      result: {
        limit: 'DMC_MAX_NODES_PER_WRITE',
        max: 50,
        reason: expect.stringContaining('DMC_MAX_NODES_PER_WRITE'),
      },
    });
    // Neither the tree nor the command's result keeps the data.
    expect(JSON.stringify(command.result)).not.toContain('MOData');
    expect(await server.store.tree.listNodes(dev.devId)).toEqual([]);
  });

  it('counts the whole package: the GET that would go over the limit fails, the one before is stored', async () => {
    const dev = await newDevice();
    const first = await queue(dev.devId, ['GET', `${SCOMO}/sw/Inventory/A`]);
    const second = await queue(dev.devId, ['GET', `${SCOMO}/sw/Inventory/B`]);
    const leaves = (name: string) => ({
      [name]: Object.fromEntries(Array.from({ length: 29 }, (_, i) => [`L${i}`, 'x'])),
    });
    const res = await answerGets(dev, (target) => leaves(target.endsWith('/A') ? 'A' : 'B'));
    expect(res.status).toBe(200);
    expect(await commandOf(first)).toMatchObject({ state: 'ok', sc: 200 });
    expect(await commandOf(second)).toMatchObject({ state: 'failed', sc: 413 });
    const paths = (await server.store.tree.listNodes(dev.devId)).map((n) => n.path);
    expect(paths).toHaveLength(30);
    expect(paths.every((p) => p.startsWith('Inventory/A'))).toBe(true);
  });

  it('fails its command with status 413 naming DMC_MAX_NODES_PER_DEVICE when the device would hold too many', async () => {
    const dev = await newDevice();
    expect((await upload(dev.devId, [{ ClientURI: `${SCOMO}/sw/`, MOData: inventory(45) }])).status).toBe(
      200,
    );
    const before = await server.store.tree.listNodes(dev.devId);
    const id = await queue(dev.devId, ['GET', `${SCOMO}/sw/`]);
    expect((await answerGets(dev, () => inventory(40, 'D'))).status).toBe(200);
    expect(await commandOf(id)).toMatchObject({
      state: 'failed',
      sc: 413,
      result: { limit: 'DMC_MAX_NODES_PER_DEVICE', max: 80 },
    });
    expect(await server.store.tree.listNodes(dev.devId)).toEqual(before);
  });
});
