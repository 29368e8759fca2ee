// Imported meta-data end to end: a vendor DDF is stored, then drives the tree writer, the tree API and
// the dry run for a device that reports that MO (protocol §5), against a real BFF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiRoutes,
  deviceTreeSchema,
  dryRunResultSchema,
  errorResponseSchema,
  metadataListSchema,
  type TreeInstance,
} from '@dmc/shared/api';
import { moMetadataSchema } from '@dmc/shared/metadata';
import { LockstepDevice } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const THERMO = 'urn:oma:mo:ext-acme-thermo:1.0';
const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0';
const DEV_ID = 'IMEI:350000000008888';
const SECRET = 'metadata-device-secret-01';

const DDF = `<?xml version="1.0" encoding="UTF-8"?>
<MgmtTree>
  <VerDTD>1.2</VerDTD>
  <Node>
    <NodeName>Thermo</NodeName>
    <DFProperties>
      <AccessType><Get/></AccessType>
      <DFFormat><node/></DFFormat>
      <Occurrence><One/></Occurrence>
      <Scope><Permanent/></Scope>
      <Description>Acme room thermostat</Description>
      <DFType><DDFName>${THERMO}</DDFName></DFType>
    </DFProperties>
    <Node>
      <NodeName>Temperature</NodeName>
      <DFProperties>
        <AccessType><Get/></AccessType>
        <DFFormat><float/></DFFormat>
        <Occurrence><One/></Occurrence>
        <Description>Measured temperature in degrees Celsius</Description>
        <DFType><MIME>text/plain</MIME></DFType>
      </DFProperties>
    </Node>
    <Node>
      <NodeName>Target</NodeName>
      <DFProperties>
        <AccessType><Get/><Replace/></AccessType>
        <DFFormat><int/></DFFormat>
        <Occurrence><One/></Occurrence>
        <Description>Set point in degrees Celsius</Description>
        <DFType><MIME>text/plain</MIME></DFType>
      </DFProperties>
    </Node>
  </Node>
</MgmtTree>`;

let server: TestServer;
let support: string;
let device: LockstepDevice;

function postXml(xml: string, query = '', token = server.adminToken): Promise<Response> {
  return fetch(`${server.baseUrl}${apiRoutes.metadata}${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
    body: xml,
  });
}

async function thermoInstance(): Promise<TreeInstance | undefined> {
  const res = await server.api('GET', apiRoutes.deviceTree(DEV_ID));
  expect(res.status).toBe(200);
  return deviceTreeSchema.parse(await res.json()).instances.find((i) => i.moid === THERMO);
}

/** One session: P1, then every command of P2 answered 200, `data` as the result of its GET. */
async function session(data?: unknown): Promise<string[][]> {
  const p2 = await device.p1({
    MOS: [
      { MOID: DEVINFO, MIID: ['d1'] },
      { MOID: THERMO, MIID: ['t1'] },
    ],
    Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }],
  });
  expect(p2.status).toBe(200);
  const cmds = (p2.body as { CMD: string[][] }).CMD;
  const status = cmds.map((cmd) => {
    if (cmd[0] !== 'GET') return { sc: 200 };
    const target = cmd[1] ?? '';
    return { sc: 200, Data: target.startsWith(THERMO) ? data : device.devInfoData() };
  });
  const p4 = await device.p3({ Status: status });
  expect(p4.status).toBe(200);
  return cmds;
}

beforeAll(async () => {
  server = await startTestServer();
  await server.registerDevice(DEV_ID, SECRET);
  const res = await server.api('POST', apiRoutes.users, {
    username: 'sam',
    password: 'sam-password-1',
    role: 'support',
  });
  expect(res.status).toBe(201);
  support = await server.login('sam', 'sam-password-1');
  device = new LockstepDevice(server.baseUrl, DEV_ID, SECRET);
});
afterAll(async () => {
  await server.close();
});

describe('imported meta-data', () => {
  it('imports a vendor DDF and lists it next to the standard documents', async () => {
    const res = await postXml(DDF);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(apiRoutes.metadataDocument(THERMO));
    const doc = moMetadataSchema.parse(await res.json());
    expect(doc).toMatchObject({ MOID: THERMO, Root: 'Thermo' });
    expect(doc.Nodes.Target).toMatchObject({ Format: 'int', AccessType: ['Get', 'Replace'] });

    const list = metadataListSchema.parse(await (await server.api('GET', apiRoutes.metadata)).json());
    expect(list.items).toContainEqual({ moid: THERMO, root: 'Thermo', source: 'ddf', nodes: 3 });
    expect(list.items).toContainEqual(expect.objectContaining({ moid: DEVINFO, source: 'standard' }));

    const one = await server.api('GET', apiRoutes.metadataDocument(THERMO.toUpperCase()));
    expect(moMetadataSchema.parse(await one.json())).toEqual(doc);
  });

  it('stores a GET result of the vendor MO with its formats and shows the meta-data on the tree', async () => {
    await session(); // inventory: the device reports its MOs in MOS
    const queued = await server.api('POST', apiRoutes.deviceCommands(DEV_ID), {
      command: ['GET', `${THERMO}/t1/`],
    });
    expect(queued.status).toBe(201);
    const cmds = await session([
      { ClientURI: `${THERMO}/t1/`, MOData: { Thermo: { Temperature: '20.5', Target: '21' } } },
    ]);
    expect(cmds.some((c) => c[0] === 'GET' && c[1]?.startsWith(THERMO))).toBe(true);

    const instance = await thermoInstance();
    const byPath = new Map(instance?.nodes.map((n) => [n.path, n]));
    expect(byPath.get('Target')).toMatchObject({
      value: '21',
      format: 'int',
      meta: { Format: 'int', AccessType: ['Get', 'Replace'], Description: 'Set point in degrees Celsius' },
    });
    expect(byPath.get('Temperature')).toMatchObject({ value: '20.5', format: 'float' });
    expect(byPath.get('')?.meta).toMatchObject({ Format: 'node', Description: 'Acme room thermostat' });
  });

  it('dry run refuses a write to a node the DDF makes Get-only and passes a writable one', async () => {
    const dryRun = async (leaf: string, value: string) => {
      const res = await server.api('POST', apiRoutes.deviceCommandDryRun(DEV_ID), {
        command: ['HGET', null, `${THERMO}/t1/${leaf}`],
        data: { [leaf]: value },
      });
      expect(res.status).toBe(200);
      return dryRunResultSchema.parse(await res.json());
    };
    const refused = await dryRun('Temperature', '30');
    expect(refused.ok).toBe(false);
    expect(refused.problems).toEqual([
      expect.objectContaining({ code: 'ACCESS_DENIED', clientUri: `${THERMO}/t1/Temperature` }),
    ]);
    expect(await dryRun('Target', '22')).toEqual({ ok: true, problems: [] });
  });

  it('lets a support user read meta-data but not import or remove it', async () => {
    expect((await postXml(DDF, '', support)).status).toBe(403);
    expect((await server.api('DELETE', apiRoutes.metadataDocument(THERMO), undefined, support)).status).toBe(
      403,
    );
    expect((await server.api('GET', apiRoutes.metadata, undefined, support)).status).toBe(200);
  });

  it('answers 400 with the importer message for a bad DDF and 415 for another type', async () => {
    const broken = await postXml('<MgmtTree><Node></MgmtTree>');
    expect(broken.status).toBe(400);
    expect(errorResponseSchema.parse(await broken.json()).error.message).toMatch(/not well-formed XML/);
    const notDdf = await postXml('<Other/>');
    expect(errorResponseSchema.parse(await notDdf.json()).error.message).toMatch(/no MgmtTree/);
    const text = await fetch(`${server.baseUrl}${apiRoutes.metadata}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'text/plain' },
      body: DDF,
    });
    expect(text.status).toBe(415);
  });

  it('imports a JSON document and refuses one that is not valid or names a standard MO', async () => {
    const doc = {
      MOID: 'urn:oma:mo:ext-acme-lamp:1.0',
      Root: 'Lamp',
      Nodes: { '': { Format: 'node', AccessType: ['Get'] }, On: { Format: 'bool', AccessType: ['Get'] } },
    };
    expect((await server.api('POST', apiRoutes.metadata, doc)).status).toBe(201);
    const list = metadataListSchema.parse(await (await server.api('GET', apiRoutes.metadata)).json());
    expect(list.items).toContainEqual({ moid: doc.MOID, root: 'Lamp', source: 'json', nodes: 2 });
    expect((await server.api('POST', apiRoutes.metadata, { ...doc, Nodes: [] })).status).toBe(400);
    expect((await server.api('POST', apiRoutes.metadata, { ...doc, MOID: DEVINFO })).status).toBe(409);
  });

  it('removes an imported document (its nodes lose their meta-data), never a standard one', async () => {
    expect((await server.api('DELETE', apiRoutes.metadataDocument(DEVINFO))).status).toBe(409);
    expect((await server.api('DELETE', apiRoutes.metadataDocument(THERMO))).status).toBe(204);
    expect((await server.api('DELETE', apiRoutes.metadataDocument(THERMO))).status).toBe(404);
    expect((await server.api('GET', apiRoutes.metadataDocument(THERMO))).status).toBe(404);
    const instance = await thermoInstance();
    expect(instance?.nodes.length).toBeGreaterThan(0);
    expect(instance?.nodes.every((n) => n.meta === null)).toBe(true);
  });
});
