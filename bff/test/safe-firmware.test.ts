// Safe firmware (protocol §11) over real HTTP against the simulator: artifacts carry the Man/Mod/HwV
// they fit, an update to a device they do not fit is refused, one FUMO (or SCOMO) instance takes one
// update at a time even when requests race (SQLite here, PostgreSQL below), and an update succeeds
// only when the device then reports the artifact's version.
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimDevice } from '@dmc/sim';
import { openPostgresStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';
import {
  clusterServicesAvailable,
  createDatabase,
  databaseUrl,
  dropDatabase,
  startAppWith,
  type InProcessApp,
} from './support/cluster-support';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'safe-fw-secret-0123456789';
const FUMO_QUERY = 'name=router-fw&version=2.0.0&moid=urn:oma:mo:oma-fumo:1.0';
const SCOMO_QUERY = 'name=com.acme.tool&version=1.1&moid=urn:oma:mo:oma-scomo:1.0';
const PROFILE = { manufacturer: 'Acme', model: 'Sim-1', hwVersion: 'A', fwVersion: '1.0.0' };

interface Operation {
  id: string;
  state: string;
  result: unknown;
}
interface Problem {
  error: { code: string; message: string; details?: unknown };
}

describe('safe firmware', () => {
  let server: TestServer;
  let device: SimDevice;

  beforeEach(async () => {
    server = await startTestServer();
    await server.registerDevice('sf-1', SECRET);
    device = new SimDevice({
      devId: 'sf-1',
      secret: SECRET,
      serverUrl: `${server.baseUrl}/dm`,
      profile: PROFILE,
    });
    expect((await device.runSession()).ok).toBe(true);
  });
  afterEach(async () => {
    await device.whenIdle();
    await server.close();
  });

  async function upload(query: string, bytes = 'firmware image 2.0.0'): Promise<Response> {
    return fetch(`${server.baseUrl}/api/v1/artifacts?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
  }
  async function uploaded(query: string): Promise<{ id: string; compatible: unknown }> {
    const res = await upload(query);
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; compatible: unknown };
  }
  const startFirmware = (artifactId: string) =>
    server.api('POST', '/api/v1/devices/sf-1/firmware-updates', { artifactId });
  async function runUntilFinal(id: string): Promise<Operation> {
    const path = `/api/v1/firmware-updates/${id}`;
    const read = async () => {
      await server.app.services.operations.reconcileActive();
      return (await (await server.api('GET', path)).json()) as Operation;
    };
    await expect
      .poll(async () => {
        await device.runSession();
        await device.whenIdle();
        return (await read()).state;
      })
      .toBeOneOf(['ok', 'failed']);
    return read();
  }

  it('an upload takes compatible lists as repeated parameters; the record and the list show them', async () => {
    const fits = await uploaded(
      `${FUMO_QUERY}&compatibleMan=Acme&compatibleMod=Sim-1&compatibleMod=Sim-2&compatibleMod=Sim-1`,
    );
    expect(fits.compatible).toEqual({ Man: ['Acme'], Mod: ['Sim-1', 'Sim-2'] });
    const any = await uploaded(FUMO_QUERY);
    expect(any.compatible).toBeNull();
    const list = (await (await server.api('GET', '/api/v1/artifacts')).json()) as {
      items: { id: string; compatible: unknown }[];
    };
    expect(list.items.find((a) => a.id === fits.id)?.compatible).toEqual(fits.compatible);
    // Bounded: a value over 128 characters, an empty one or more than 100 values is a 400.
    expect((await upload(`${FUMO_QUERY}&compatibleHwV=${'x'.repeat(129)}`)).status).toBe(400);
    expect((await upload(`${FUMO_QUERY}&compatibleHwV=`)).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => `compatibleMod=m${String(i)}`).join('&');
    expect((await upload(`${FUMO_QUERY}&${many}`)).status).toBe(400);
    // A fitting artifact starts.
    expect((await startFirmware(fits.id)).status).toBe(201);
  });

  it('refuses a firmware update and a software install the artifact does not fit, naming the field', async () => {
    const fw = await uploaded(
      `${FUMO_QUERY}&compatibleMan=Acme&compatibleMod=Router-9&compatibleMod=Router-10`,
    );
    const res = await startFirmware(fw.id);
    expect(res.status).toBe(409);
    const problem = (await res.json()) as Problem;
    expect(problem.error).toMatchObject({
      code: 'CONFLICT',
      details: {
        reason: 'incompatible',
        field: 'Mod',
        accepted: ['Router-9', 'Router-10'],
        reported: 'Sim-1',
      },
    });
    expect(problem.error.message).toMatch(/Mod "Sim-1" is not one of "Router-9", "Router-10"/);
    const sw = await uploaded(`${SCOMO_QUERY}&compatibleHwV=B`);
    const install = await server.api('POST', '/api/v1/devices/sf-1/software-installs', { artifactId: sw.id });
    expect(install.status).toBe(409);
    expect(((await install.json()) as Problem).error.details).toMatchObject({ field: 'HwV', reported: 'A' });
    // Nothing was started.
    const ops = (await (await server.api('GET', '/api/v1/devices/sf-1/operations')).json()) as {
      items: unknown[];
    };
    expect(ops.items).toEqual([]);
  });

  it('refuses a second update of one FUMO instance while the first is not final, and takes one after', async () => {
    const artifact = await uploaded(FUMO_QUERY);
    const first = (await (await startFirmware(artifact.id)).json()) as Operation;
    const second = await startFirmware(artifact.id);
    expect(second.status).toBe(409);
    expect(((await second.json()) as Problem).error.details).toMatchObject({
      reason: 'instance-busy',
      miid: 'fw',
      operation: first.id,
      state: 'running',
    });
    expect(await runUntilFinal(first.id)).toMatchObject({ state: 'ok' });
    expect((await startFirmware(artifact.id)).status).toBe(201);
  });

  it('racing starts on one instance: exactly one update and one install begin', async () => {
    const fw = await uploaded(FUMO_QUERY);
    const sw = await uploaded(SCOMO_QUERY);
    const starts = await Promise.all([
      ...Array.from({ length: 6 }, () => startFirmware(fw.id)),
      ...Array.from({ length: 6 }, () =>
        server.api('POST', '/api/v1/devices/sf-1/software-installs', { artifactId: sw.id }),
      ),
    ]);
    const statuses = starts.map((r) => r.status);
    expect(statuses.slice(0, 6).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(statuses.slice(6).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('fails with version-mismatch when the device keeps its old version after a successful update', async () => {
    device.firmwareLies = true;
    const socket = await server.socket();
    const seen: string[] = [];
    socket.on('operation:updated', ({ operation }) => seen.push(operation.state));
    const artifact = await uploaded(FUMO_QUERY);
    const created = (await (await startFirmware(artifact.id)).json()) as Operation;
    const done = await runUntilFinal(created.id);
    expect(done).toMatchObject({
      state: 'failed',
      result: { reason: 'version-mismatch', expected: '2.0.0', reported: '1.0.0', sc: 200 },
    });
    // The FUMO commands ended ok; the version check decided.
    await expect.poll(() => seen.includes('verifying')).toBe(true);
    // An honest device then reaches the version: a new update is ok.
    device.firmwareLies = false;
    const again = (await (await startFirmware(artifact.id)).json()) as Operation;
    expect(await runUntilFinal(again.id)).toMatchObject({ state: 'ok', result: { version: '2.0.0' } });
  });
});

const isPgAvailable = await clusterServicesAvailable();

describe.skipIf(!isPgAvailable)('safe firmware on PostgreSQL', () => {
  let database = '';
  let store: Store;
  let app: InProcessApp;

  beforeAll(async () => {
    database = await createDatabase();
    store = await openPostgresStore({ url: databaseUrl(database) });
    app = await startAppWith(store);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    if (database !== '') await dropDatabase(database);
  });

  it('racing starts on one FUMO instance: exactly one begins', async () => {
    expect((await app.api('POST', '/api/v1/devices', { devId: 'pg-fw', secret: SECRET })).status).toBe(201);
    const device = new SimDevice({
      devId: 'pg-fw',
      secret: SECRET,
      serverUrl: `${app.url}/dm`,
      profile: PROFILE,
    });
    expect((await device.runSession()).ok).toBe(true);
    const artifact = await app.app.services.artifacts.upload(
      { name: 'fw', version: '2.0.0', moid: 'urn:oma:mo:oma-fumo:1.0', compatibleMod: ['Sim-1'] },
      Readable.from([Buffer.from('firmware image')]),
    );
    for (let round = 0; round < 5; round += 1) {
      const starts = await Promise.all(
        Array.from({ length: 8 }, () =>
          app.api('POST', '/api/v1/devices/pg-fw/firmware-updates', { artifactId: artifact.id }),
        ),
      );
      expect(starts.map((r) => r.status).sort(), `round ${String(round)}`).toEqual([
        201, 409, 409, 409, 409, 409, 409, 409,
      ]);
      // End the winner so the next round races again.
      const winner = (await starts.find((r) => r.status === 201)?.json()) as Operation;
      const row = await store.operations.find(winner.id);
      if (!row) throw new Error('the started operation is not stored');
      expect(await store.operations.update({ ...row, version: row.version + 1, state: 'cancelled' })).toBe(
        true,
      );
    }
    const incompatible = await app.app.services.artifacts.upload(
      { name: 'fw', version: '2.0.0', moid: 'urn:oma:mo:oma-fumo:1.0', compatibleMod: ['Other'] },
      Readable.from([Buffer.from('firmware image')]),
    );
    const refused = await app.api('POST', '/api/v1/devices/pg-fw/firmware-updates', {
      artifactId: incompatible.id,
    });
    expect(refused.status).toBe(409);
  });
});
