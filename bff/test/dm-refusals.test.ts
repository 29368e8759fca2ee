import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, LockstepDevice, postPackage } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'device-secret-0123456789';
const DEV = 'IMEI:490154203237518';

describe('DM endpoints refuse bad packages without touching stored state', () => {
  let server: TestServer;
  let url: string;
  const p1 = new LockstepDevice('', DEV, SECRET).defaultP1();

  beforeAll(async () => {
    server = await startTestServer({ settings: { maxPackageBytes: 2048 } });
    url = `${server.baseUrl}/dm`;
    await server.registerDevice(DEV, SECRET);
  });
  afterAll(async () => {
    await server.close();
  });

  async function untouched() {
    const device = await server.store.devices.find(DEV);
    expect(device?.lastSeenAt).toBeNull();
    expect(await server.store.sessions.findOpenByDevice(DEV)).toBeUndefined();
  }

  const auth = basicAuth(DEV, SECRET);

  it('415 for a wrong Content-Type', async () => {
    const res = await postPackage(url, p1, {
      kind: 'initiation',
      devId: DEV,
      authorization: auth,
      contentType: 'application/json',
    });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    await untouched();
  });

  it('406 for an Accept the server cannot satisfy', async () => {
    const res = await postPackage(url, p1, {
      kind: 'initiation',
      devId: DEV,
      authorization: auth,
      accept: 'text/html',
    });
    expect(res.status).toBe(406);
    await untouched();
  });

  it('413 for a body over DMC_MAX_PACKAGE_BYTES, before parsing', async () => {
    const res = await postPackage(url, null, {
      kind: 'initiation',
      devId: DEV,
      authorization: auth,
      rawBody: `{"MOS":[],"pad":"${'x'.repeat(4096)}"`,
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    await untouched();
  });

  it('400 for a body that is not JSON or not a P1', async () => {
    const bad = await postPackage(url, null, {
      kind: 'initiation',
      devId: DEV,
      authorization: auth,
      rawBody: '{"MOS":',
    });
    expect(bad.status).toBe(400);
    const wrong = await postPackage(
      url,
      { MOS: 'nope' },
      { kind: 'initiation', devId: DEV, authorization: auth },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    await untouched();
  });

  it('400 without OMADM-DevID', async () => {
    const res = await postPackage(url, p1, { kind: 'initiation', authorization: auth });
    expect(res.status).toBe(400);
    await untouched();
  });

  it('401 with Basic and Digest challenges for missing or wrong credentials', async () => {
    for (const authorization of [
      undefined,
      basicAuth(DEV, 'wrong-secret-0123456789'),
      basicAuth('other', SECRET),
    ]) {
      const res = await postPackage(url, p1, {
        kind: 'initiation',
        devId: DEV,
        ...(authorization ? { authorization } : {}),
      });
      expect(res.status).toBe(401);
      const challenge = res.headers.get('www-authenticate') ?? '';
      expect(challenge).toMatch(/Basic realm=/);
      expect(challenge).toMatch(/Digest .*algorithm=SHA-256/);
      expect(challenge).toMatch(/Digest .*algorithm=MD5/);
    }
    await untouched();
  });

  it('401 for an unregistered device, the same as a wrong secret', async () => {
    const res = await postPackage(url, p1, {
      kind: 'initiation',
      devId: 'nobody',
      authorization: basicAuth('nobody', SECRET),
    });
    expect(res.status).toBe(401);
  });

  it('404 for a P3 to a session token the server does not know', async () => {
    const res = await postPackage(
      `${server.baseUrl}/dm/s/never-issued-token`,
      { Status: [] },
      {
        kind: 'response',
        devId: DEV,
        authorization: auth,
      },
    );
    expect(res.status).toBe(404);
  });
});

describe('session rules', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('403 when another device posts to a session', async () => {
    await server.registerDevice('dev-a', SECRET);
    await server.registerDevice('dev-b', SECRET);
    const a = new LockstepDevice(server.baseUrl, 'dev-a', SECRET);
    const b = new LockstepDevice(server.baseUrl, 'dev-b', SECRET);
    await a.p1();
    const res = await b.p3({ Status: [{ sc: 200 }, { sc: 200 }] }, a.contUrl);
    expect(res.status).toBe(403);
    const next = await a.p3({ Status: [{ sc: 200 }, { sc: 200, Data: a.devInfoData() }] });
    expect(next.status).toBe(200);
  });

  it('a status count mismatch is a 400 that aborts the session and re-queues its commands', async () => {
    await server.registerDevice('dev-c', SECRET);
    const dev = new LockstepDevice(server.baseUrl, 'dev-c', SECRET);
    const queued = await server.api('POST', '/api/v1/devices/dev-c/commands', {
      command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/Mod'],
    });
    const { id } = (await queued.json()) as { id: string };
    const p2 = await dev.p1();
    expect((p2.body as { CMD: string[][] }).CMD).toHaveLength(3);
    expect(await (await server.api('GET', `/api/v1/commands/${id}`)).json()).toMatchObject({ state: 'sent' });

    const res = await dev.p3({ Status: [{ sc: 200 }] });
    expect(res.status).toBe(400);
    expect(await (await server.api('GET', `/api/v1/commands/${id}`)).json()).toMatchObject({
      state: 'queued',
    });
    expect((await dev.p3({ Status: [{ sc: 200 }, { sc: 200 }, { sc: 200 }] })).status).toBe(404);
  });

  it('a new P1 supersedes the open session and its commands go back to the queue', async () => {
    await server.registerDevice('dev-d', SECRET);
    const dev = new LockstepDevice(server.baseUrl, 'dev-d', SECRET);
    const queued = await server.api('POST', '/api/v1/devices/dev-d/commands', {
      command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/Mod'],
    });
    const { id } = (await queued.json()) as { id: string };
    await dev.p1();
    const oldCont = dev.contUrl;
    const again = await dev.p1();
    // The command is re-sent in the new session, after CONT and the inventory read.
    expect((again.body as { CMD: string[][] }).CMD[2]).toEqual([
      'GET',
      'urn:oma:mo:oma-dm-devinfo:1.0/d1/Mod',
    ]);
    expect((await dev.p3({ Status: [{ sc: 200 }] }, oldCont)).status).toBe(404);
    const done = await dev.p3({
      Status: [
        { sc: 200 },
        { sc: 200, Data: dev.devInfoData() },
        { sc: 200, Data: [{ ClientURI: 'urn:oma:mo:oma-dm-devinfo:1.0/d1/Mod', MOData: { Mod: 'Sim-1' } }] },
      ],
    });
    expect(done.body).toEqual({ CMD: [['END']] });
    expect(await (await server.api('GET', `/api/v1/commands/${id}`)).json()).toMatchObject({
      state: 'ok',
      sc: 200,
    });
  });
});
