// POST …/commands/dry-run against a real BFF and a real simulated device's stored tree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOIDS, SimDevice } from '@dmc/sim';
import { apiRoutes, dryRunResultSchema, errorResponseSchema, type DryRunResult } from '@dmc/shared/api';
import { getTree } from './support/sim-helpers';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'dry-run-device-secret-0123';
const DEV_ID = 'IMEI:350000000007777';

let server: TestServer;
let support: string;

async function dryRun(body: unknown, token?: string): Promise<{ status: number; json: unknown }> {
  const res = await server.api('POST', apiRoutes.deviceCommandDryRun(DEV_ID), body, token);
  return { status: res.status, json: await res.json() };
}

async function result(body: unknown, token?: string): Promise<DryRunResult> {
  const { status, json } = await dryRun(body, token);
  expect(status).toBe(200);
  return dryRunResultSchema.parse(json);
}

beforeAll(async () => {
  server = await startTestServer();
  await server.registerDevice(DEV_ID, SECRET);
  const res = await server.api('POST', '/api/v1/users', {
    username: 'sue',
    password: 'sue-password-1',
    role: 'support',
  });
  expect(res.status).toBe(201);
  support = await server.login('sue', 'sue-password-1');
  // The first session reports the instances and reads DevInfo (protocol §5, inventory).
  const device = new SimDevice({ devId: DEV_ID, secret: SECRET, serverUrl: `${server.baseUrl}/dm` });
  expect((await device.runSession()).ok).toBe(true);
});
afterAll(async () => {
  await server.close();
});

describe('POST /api/v1/devices/:devId/commands/dry-run', () => {
  it('refuses a write to the read-only DevInfo FwV and says why, queueing nothing', async () => {
    const tree = await getTree(server, DEV_ID);
    expect(tree.instances.some((i) => i.moid === MOIDS.devInfo && i.nodes.length > 0)).toBe(true);
    const uri = `${MOIDS.devInfo}/d1/FwV`;
    const body = { command: ['HGET', null, uri], data: { FwV: '9.9.9' } };
    expect(await result(body)).toEqual({
      ok: false,
      problems: [
        {
          code: 'ACCESS_DENIED',
          message: 'DevInfo/FwV allows only Get; writing it needs Replace',
          clientUri: uri,
        },
      ],
    });
    const list = await server.api('GET', apiRoutes.deviceCommands(DEV_ID));
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(0);
  });

  it('passes a write to a writable FUMO leaf and refuses an MO the device never reported', async () => {
    const ok = {
      command: ['HGET', null, `${MOIDS.fumo}/fw/DownloadAndUpdate/PkgURL`],
      data: { PkgURL: 'http://x/fw' },
    };
    expect(await result(ok)).toEqual({ ok: true, problems: [] });
    const lawmo = await result({ command: ['GET', 'urn:oma:mo:oma-lawmo:1.0/l/'] });
    expect(lawmo.problems.map((p) => p.code)).toEqual(['MO_NOT_REPORTED']);
  });

  it('lets a support user check a command, which they may not queue', async () => {
    const body = { command: ['DELETE', `${MOIDS.devInfo}/d1/FwV`] };
    expect((await result(body, support)).problems.map((p) => p.code)).toEqual(['PERMANENT_NODE']);
    const queued = await server.api('POST', apiRoutes.deviceCommands(DEV_ID), body, support);
    expect(queued.status).toBe(403);
  });

  it('answers 400 for a body that is not a queueable command and 404 for an unknown device', async () => {
    const bad = await dryRun({ command: ['END'] });
    expect(bad.status).toBe(400);
    expect(errorResponseSchema.parse(bad.json).error.code).toBeTruthy();
    const res = await server.api('POST', apiRoutes.deviceCommandDryRun('IMEI:000'), {
      command: ['GET', `${MOIDS.devInfo}/d1/FwV`],
    });
    expect(res.status).toBe(404);
  });
});
