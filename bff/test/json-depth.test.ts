// JSON depth (protocol §12) over real HTTP: every JSON body the server parses (P1, P3, DR uploads, the
// console API) nested deeper than 64 levels gets 413 before it is parsed. Nothing is stored, no answer
// speaks of the engine's stack, and the server keeps answering.
import { SESSION_ALERT_TYPES } from '@dmc/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockstepDevice, postPackage, type DmResponse } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'device-secret-0123456789';
const DEV = 'IMEI:490154203237600';
const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0';
const CIM = `{"AlertType":"${SESSION_ALERT_TYPES.clientInitiated}"}`;
const DEEP = 100_000;

const arrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const objects = (depth: number): string => `${'{"n":'.repeat(depth)}"leaf"${'}'.repeat(depth)}`;

describe('JSON nested deeper than 64 levels', () => {
  let server: TestServer;
  let device: LockstepDevice;

  beforeAll(async () => {
    server = await startTestServer({ settings: { maxPackageBytes: 1024 * 1024 } });
    await server.registerDevice(DEV, SECRET);
    device = new LockstepDevice(server.baseUrl, DEV, SECRET);
  });
  afterAll(async () => {
    await server.close();
  });

  /** The 413 of protocol §12, with no word of the engine; and the server still answers. */
  async function refusedAsTooDeep(res: { status: number; body: unknown }): Promise<void> {
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/deeper than 64 levels/) },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/call stack|RangeError/i);
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  }

  const p1 = (raw: string): Promise<DmResponse> =>
    postPackage(`${server.baseUrl}/dm`, undefined, {
      kind: 'initiation',
      devId: DEV,
      authorization: device.auth,
      rawBody: raw,
    });

  it('a P1 at /dm gets 413 and nothing is stored', async () => {
    await refusedAsTooDeep(await p1(`{"MOS":${arrays(DEEP)},"Alert":[${CIM}]}`));
    await refusedAsTooDeep(await p1(`{"x":${objects(DEEP)},"Alert":[${CIM}]}`));
    expect((await server.store.devices.find(DEV))?.lastSeenAt).toBeNull();
    expect(await server.store.sessions.listByDevice(DEV, 5)).toEqual([]);
  });

  it('64 levels are taken and 65 are not', async () => {
    // The P1 object is the first level; an unknown member nests the rest.
    await refusedAsTooDeep(await p1(`{"x":${arrays(64)},"Alert":[${CIM}]}`));
    const taken = await p1(`{"x":${arrays(63)},"Alert":[${CIM}]}`);
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
  });

  it('a P3 gets 413 and leaves its session as it was', async () => {
    const opened = await device.p1();
    expect((opened.body as { CMD: string[][] }).CMD.map((c) => c[0])).toEqual(['CONT', 'GET']);
    const deepData = `[{"ClientURI":"${DEVINFO}/d1/","MOData":{"DevInfo":${objects(DEEP)}}}]`;
    const res = await postPackage(device.contUrl ?? '', undefined, {
      kind: 'response',
      devId: DEV,
      authorization: device.auth,
      rawBody: `{"Status":[{"sc":200},{"sc":200,"Data":${deepData}}]}`,
    });
    await refusedAsTooDeep(res);
    expect(await server.store.tree.listNodes(DEV)).toEqual([]);
    const next = await device.p3({ Status: [{ sc: 200 }, { sc: 200, Data: device.devInfoData() }] });
    expect(next.body).toEqual({ CMD: [['END']] });
  });

  it('a DR inbox upload gets 413 and nothing is stored', async () => {
    const queued = await server.api('POST', `/api/v1/devices/${DEV}/commands`, {
      command: ['HPUT', null, `${DEVINFO}/d1/`],
    });
    const { id } = (await queued.json()) as { id: string };
    const { command } = (await (await server.api('GET', `/api/v1/commands/${id}`)).json()) as {
      command: string[];
    };
    const before = await server.store.tree.listNodes(DEV);
    const res = await fetch(command[1] ?? '', {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.oma.dm.mo+json' },
      body: `[{"ClientURI":"${DEVINFO}/d1/Ext","MOData":{"Ext":${objects(DEEP)}}}]`,
    });
    await refusedAsTooDeep({ status: res.status, body: await res.json() });
    expect(await server.store.tree.listNodes(DEV)).toEqual(before);
  });

  it('the console API answers 413 as a JSON problem and stores nothing', async () => {
    const post = async (path: string, body: string | Buffer, charset = 'utf-8') => {
      const res = await fetch(`${server.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${server.adminToken}`,
          'content-type': `application/json; charset=${charset}`,
        },
        body,
      });
      return { status: res.status, body: await res.json() };
    };
    await refusedAsTooDeep(
      await post('/api/v1/devices', `{"devId":"deep-1","secret":"${SECRET}","labels":${arrays(DEEP)}}`),
    );
    await refusedAsTooDeep(
      await post(
        `/api/v1/devices/${DEV}/commands`,
        `{"command":["HGET",null,"${DEVINFO}/d1/Ext"],"data":{"Ext":${objects(DEEP)}}}`,
      ),
    );
    // The depth is read in the body's own charset.
    const utf16 = `{"devId":"deep-2","secret":"${SECRET}","labels":${arrays(5000)}}`;
    await refusedAsTooDeep(await post('/api/v1/devices', Buffer.from(utf16, 'utf16le'), 'utf-16le'));
    expect(await server.store.devices.find('deep-1')).toBeUndefined();
    expect(await server.store.devices.find('deep-2')).toBeUndefined();
    const commands = (await (await server.api('GET', `/api/v1/devices/${DEV}/commands`)).json()) as {
      items: { command: string[] }[];
    };
    expect(commands.items.filter((c) => c.command[0] === 'HGET')).toEqual([]);
  });
});
