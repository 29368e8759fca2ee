// Protocol §12 over real HTTP: what a liberal DM client sends (null members, MOS entries without MIID)
// opens a session, a package sent to the wrong address is told where it goes, and names that are no
// names (dot-segments, text that is not UTF-8) are refused and never stored.
import { DEVID_HEADER, MEDIA_TYPES, SESSION_ALERT_TYPES } from '@dmc/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, LockstepDevice, postPackage, type DmResponse } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'device-secret-0123456789';
const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0';
const CIM = { AlertType: SESSION_ALERT_TYPES.clientInitiated };

let server: TestServer;
let devices = 0;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function newDevice(): Promise<LockstepDevice> {
  devices += 1;
  const devId = `IMEI:49015420323${String(devices).padStart(4, '0')}`;
  await server.registerDevice(devId, SECRET);
  return new LockstepDevice(server.baseUrl, devId, SECRET);
}

/** Posts raw bytes as a package of `kind`, so a test can send what JSON.stringify never writes. */
async function postBytes(
  url: string,
  bytes: Buffer,
  kind: 'initiation' | 'response',
  devId: string,
): Promise<DmResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': MEDIA_TYPES[kind],
      accept: MEDIA_TYPES.request,
      [DEVID_HEADER]: devId,
      authorization: basicAuth(devId, SECRET),
    },
    body: bytes,
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** A JSON text with the marker `@@` replaced by the bytes `0xFF 0xFE`, which are not UTF-8. */
const withBadBytes = (json: string): Buffer => {
  const [before = '', after = ''] = json.split('@@');
  return Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe]), Buffer.from(after)]);
};

async function untouched(dev: LockstepDevice): Promise<void> {
  expect((await server.store.devices.find(dev.devId))?.lastSeenAt).toBeNull();
  expect(await server.store.sessions.findOpenByDevice(dev.devId)).toBeUndefined();
  expect(await server.store.tree.listInstances(dev.devId)).toEqual([]);
}

const commandsOf = (res: DmResponse): string[][] => (res.body as { CMD: string[][] }).CMD;

describe('null for an optional member reads as absent, a MOS entry without MIID as MIID: []', () => {
  it.each([
    ['"MOS": null', { MOS: null, Alert: [CIM] }, []],
    ['a MOS entry without MIID', { MOS: [{ MOID: DEVINFO }], Alert: [CIM] }, []],
    ['"MIID": null', { MOS: [{ MOID: DEVINFO, MIID: null }], Alert: [CIM] }, []],
    [
      'null DDF and MOID',
      {
        MOS: [
          { MOID: DEVINFO, MIID: ['d1'], DDF: null },
          { MOID: null, MIID: ['x'] },
        ],
        Alert: [CIM],
      },
      [{ moid: DEVINFO, miid: 'd1', ddf: null }],
    ],
    [
      'null members of an alert',
      { Alert: [{ ...CIM, SourceURI: null, TargetURI: null, Mark: null, DataType: null, Data: null }] },
      [],
    ],
  ])('%s opens a session', async (_label, p1, instances) => {
    const dev = await newDevice();
    const res = await dev.p1(p1);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(commandsOf(res)[0]?.[0]).toBe('CONT');
    // With nothing to do the first P2 is CONT and END, so the session is already closed.
    expect(await server.store.sessions.listByDevice(dev.devId, 5)).toHaveLength(1);
    expect(await server.store.tree.listInstances(dev.devId)).toEqual(instances);
  });

  it('"Alert": null and null status members in a P3 keep the session going', async () => {
    const dev = await newDevice();
    const opened = await dev.p1();
    expect(commandsOf(opened).map((c) => c[0])).toEqual(['CONT', 'GET']);
    const res = await dev.p3({
      Status: [
        { sc: 200, URI: null, Data: null },
        { sc: 200, Data: dev.devInfoData().map((item) => ({ ...item, DDF: null, CV: null })) },
      ],
      Alert: null,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ CMD: [['END']] });
    const nodes = await server.store.tree.listNodes(dev.devId);
    expect(nodes.find((n) => n.path === 'FwV')?.value).toBe('1.4.2');
  });

  it('"Alert": null in a P1 is no session alert: 400 saying so', async () => {
    const dev = await newDevice();
    const res = await dev.p1({ MOS: [], Alert: null });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { message: /exactly one session alert, found 0/ } });
    await untouched(dev);
  });
});

describe('a package at the wrong address is told where its kind goes', () => {
  it('a P3 posted to /dm gets 415 naming the CONT URL form', async () => {
    const dev = await newDevice();
    const res = await postPackage(
      `${server.baseUrl}/dm`,
      { Status: [{ sc: 200 }] },
      { kind: 'response', devId: dev.devId, authorization: dev.auth },
    );
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({
      error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringMatching(/P3 goes to the CONT URL/) },
    });
    expect((res.body as { error: { message: string } }).error.message).toContain('/dm/s/<token>');
    await untouched(dev);
  });

  it('a P1 posted to a CONT URL gets 415 naming /dm', async () => {
    const dev = await newDevice();
    await dev.p1();
    const res = await postPackage(dev.contUrl ?? '', dev.defaultP1(), {
      kind: 'initiation',
      devId: dev.devId,
      authorization: dev.auth,
    });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: { message: expect.stringMatching(/A P1 goes to \/dm\./) } });
  });
});

describe('dot-segments and text that is not UTF-8 are refused as MIIDs and node names', () => {
  it.each([
    [
      'a dot-segment MIID',
      Buffer.from(JSON.stringify({ MOS: [{ MOID: DEVINFO, MIID: ['..'] }], Alert: [CIM] })),
    ],
    [
      'a MIID escaping a lone surrogate',
      Buffer.from(
        `{"MOS":[{"MOID":"${DEVINFO}","MIID":["d\\ud8001"]}],"Alert":[{"AlertType":"${CIM.AlertType}"}]}`,
      ),
    ],
    [
      'a MIID with bytes that are not UTF-8',
      withBadBytes(
        `{"MOS":[{"MOID":"${DEVINFO}","MIID":["d@@1"]}],"Alert":[{"AlertType":"${CIM.AlertType}"}]}`,
      ),
    ],
  ])('a P1 with %s gets 400 naming it, and nothing is stored', async (_label, bytes) => {
    const dev = await newDevice();
    const res = await postBytes(`${server.baseUrl}/dm`, bytes, 'initiation', dev.devId);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { code: 'BAD_REQUEST', details: [{ path: ['MOS', 0, 'MIID', 0] }] },
    });
    await untouched(dev);
  });

  it('status data at such a MIID or node is skipped like any ClientURI that names no node', async () => {
    const dev = await newDevice();
    await dev.p1();
    const bad = [
      { ClientURI: `${DEVINFO}/../`, MOData: { DevInfo: { Man: 'dot-instance' } } },
      { ClientURI: `${DEVINFO}/d1/Ext/%2E%2E`, MOData: { '..': 'encoded-dots' } },
      { ClientURI: `${DEVINFO}/d1/`, MOData: { DevInfo: { Man: 'dot-child', Ext: { '..': 'x' } } } },
      { ClientURI: `${DEVINFO}/d\ud800/`, MOData: { DevInfo: { Man: 'surrogate' } } },
      { ClientURI: `${DEVINFO}/d1/@@`, MOData: { x: 'bad-bytes' } },
    ];
    const good = { ClientURI: `${DEVINFO}/d1/FwV`, MOData: { FwV: '2.0.0' } };
    const p3 = JSON.stringify({ Status: [{ sc: 200 }, { sc: 200, Data: [...bad, good] }] });
    const res = await postBytes(dev.contUrl ?? '', withBadBytes(p3), 'response', dev.devId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await server.store.tree.listInstances(dev.devId)).toEqual([
      { moid: DEVINFO, miid: 'd1', ddf: null },
    ]);
    const nodes = await server.store.tree.listNodes(dev.devId);
    expect(nodes.map((n) => `${n.path}=${n.value ?? ''}`)).toEqual(['FwV=2.0.0']);
  });

  it('an inbox upload of nothing but such names gets 400, and nothing is stored', async () => {
    const dev = await newDevice();
    const queued = await server.api('POST', `/api/v1/devices/${dev.devId}/commands`, {
      command: ['HPUT', null, `${DEVINFO}/d1/`],
    });
    const { id } = (await queued.json()) as { id: string };
    const { command } = (await (await server.api('GET', `/api/v1/commands/${id}`)).json()) as {
      command: string[];
    };
    const upload = (body: Buffer) =>
      fetch(command[1] ?? '', { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    const dots = await upload(
      Buffer.from(JSON.stringify([{ ClientURI: `${DEVINFO}/../`, MOData: { R: {} } }])),
    );
    expect(dots.status).toBe(400);
    const bytes = await upload(withBadBytes(`[{"ClientURI":"${DEVINFO}/d1/","MOData":{"R":{"@@":"v"}}}]`));
    expect(bytes.status).toBe(400);
    expect(await bytes.json()).toMatchObject({
      error: { details: { rejected: [{ reason: /not valid UTF-8/ }] } },
    });
    expect(await server.store.tree.listInstances(dev.devId)).toEqual([]);
    expect(await server.store.tree.listNodes(dev.devId)).toEqual([]);
  });

  it('the API refuses to queue a command whose ClientURI holds a dot-segment', async () => {
    const dev = await newDevice();
    const res = await server.api('POST', `/api/v1/devices/${dev.devId}/commands`, {
      command: ['GET', `${DEVINFO}/d1/../Man`],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/dot-segment/);
  });
});
