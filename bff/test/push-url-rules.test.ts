// Push URLs (protocol §12) over real HTTP: where a push URL enters (API, DMAcc in a P3, an inbox
// upload) and where a P0 leaves (no private address, no redirect, an outcome without network detail).
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LockstepDevice } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'push-rules-secret-0123456789';
const DMACC = 'urn:oma:mo:oma-dm-dmacc:1.2';

/** An HTTP endpoint on 127.0.0.1 that answers every request with `answer` and counts the requests. */
async function startEndpoint(answer: (res: ServerResponse) => void) {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits += 1;
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/push`,
    port,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const dmAccData = (uri: string) => [
  { ClientURI: `${DMACC}/dmc/`, MOData: { DMAcc: { SrvID: 'dmc', Push: { Ext: { HTTP: { URI: uri } } } } } },
];

describe('push URL rules (protocol §12)', () => {
  let server: TestServer;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await server.close();
    for (const close of closers.splice(0)) await close();
  });

  async function pushUrlOf(devId: string): Promise<string | null> {
    const res = await server.api('GET', `/api/v1/devices/${devId}`);
    return ((await res.json()) as { pushUrl: string | null }).pushUrl;
  }

  it('the API refuses private push URLs, naming the rule, and takes public ones', async () => {
    server = await startTestServer({ settings: { pushAllowPrivate: false } });
    for (const [n, pushUrl] of [
      'http://127.0.0.1:9000/push',
      'http://0x7f.1/',
      'http://2130706433/',
      'http://[::ffff:127.0.0.1]/',
      'http://localhost:9000/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5:8080/',
    ].entries()) {
      const res = await server.api('POST', '/api/v1/devices', { devId: `bad-${n}`, secret: SECRET, pushUrl });
      expect(res.status, pushUrl).toBe(400);
      const problem = (await res.json()) as { error: { code: string; message: string; details: unknown } };
      expect(problem.error.code).toBe('VALIDATION_FAILED');
      expect(problem.error.message).toMatch(/loopback, link-local, private/);
      expect(problem.error.message).toMatch(/DMC_PUSH_ALLOW_PRIVATE/);
      expect(problem.error.details).toMatchObject({ field: 'pushUrl', rule: 'push-url' });
    }
    expect((await server.api('GET', '/api/v1/devices')).ok).toBe(true);
    expect(await server.store.devices.find('bad-0')).toBeUndefined();
    await server.registerDevice('good', SECRET, { pushUrl: 'https://push.example.com/d/good' });
    expect(await pushUrlOf('good')).toBe('https://push.example.com/d/good');
  });

  it('with DMC_PUSH_ALLOW_PRIVATE the API takes a loopback push URL', async () => {
    server = await startTestServer({ settings: { pushAllowPrivate: true } });
    await server.registerDevice('local', SECRET, { pushUrl: 'http://127.0.0.1:9000/push' });
    expect(await pushUrlOf('local')).toBe('http://127.0.0.1:9000/push');
  });

  it('a DMAcc push URL pointing at 169.254.169.254, in a P3 or an inbox upload, is not used', async () => {
    server = await startTestServer({ settings: { pushAllowPrivate: false } });
    await server.registerDevice('meta', SECRET, { pushUrl: 'https://push.example.com/meta' });
    const device = new LockstepDevice(server.baseUrl, 'meta', SECRET);
    await server.api('POST', '/api/v1/devices/meta/commands', { command: ['GET', `${DMACC}/dmc/`] });
    await device.p1({
      MOS: [{ MOID: DMACC, MIID: ['dmc'] }],
      Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }],
    });
    await device.p3({
      Status: [{ sc: 200 }, { sc: 200, Data: dmAccData('http://169.254.169.254/latest/') }],
    });
    expect(await pushUrlOf('meta')).toBeNull();

    // A public one is taken; an inbox upload naming the metadata address again drops it.
    const hput = await server.api('POST', '/api/v1/devices/meta/commands', {
      command: ['HPUT', null, `${DMACC}/dmc/`],
    });
    const { id } = (await hput.json()) as { id: string };
    const { command } = (await (await server.api('GET', `/api/v1/commands/${id}`)).json()) as {
      command: string[];
    };
    const upload = (uri: string) =>
      fetch(command[1] ?? '', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(dmAccData(uri)),
      });
    expect((await upload('https://push.example.com/meta2')).status).toBe(200);
    expect(await pushUrlOf('meta')).toBe('https://push.example.com/meta2');
    expect((await upload('http://[::ffff:169.254.169.254]/')).status).toBe(200);
    expect(await pushUrlOf('meta')).toBeNull();
    expect((await server.api('POST', '/api/v1/devices/meta/notify')).status).toBe(409);
  });

  it('a stored private push URL is not reached at send time, and the error names only the outcome', async () => {
    server = await startTestServer({ settings: { pushAllowPrivate: false } });
    const endpoint = await startEndpoint((res) => res.writeHead(202).end());
    closers.push(endpoint.close);
    await server.registerDevice('old', SECRET);
    // As a database from before these rules holds it.
    await server.store.devices.setPushUrl('old', endpoint.url);
    const res = await server.api('POST', '/api/v1/devices/old/notify');
    expect(res.status).toBe(202);
    const record = (await res.json()) as { state: string; lastError: string | null };
    expect(record).toMatchObject({ state: 'pending', lastError: 'address not allowed' });
    expect(endpoint.hits()).toBe(0);
  });

  it('a redirecting push endpoint is not followed; a 3xx is the outcome', async () => {
    server = await startTestServer({ settings: { pushAllowPrivate: true } });
    const target = await startEndpoint((res) => res.writeHead(202).end());
    const redirecting = await startEndpoint((res) => res.writeHead(302, { location: target.url }).end());
    closers.push(target.close, redirecting.close);
    await server.registerDevice('hop', SECRET, { pushUrl: redirecting.url });
    const res = await server.api('POST', '/api/v1/devices/hop/notify');
    const record = (await res.json()) as { state: string; lastError: string | null };
    expect(record).toMatchObject({ state: 'pending', lastError: 'http 302' });
    expect(redirecting.hits()).toBe(1);
    expect(target.hits()).toBe(0);
  });

  it('a support user sees the outcome of a failed P0 (refused, http 503), not the address or port', async () => {
    server = await startTestServer({ settings: { pushAllowPrivate: true } });
    const port = await closedPort();
    await server.registerDevice('scan', SECRET, { pushUrl: `http://127.0.0.1:${port}/push` });
    await server.api('POST', '/api/v1/devices/scan/notify');
    const failing = await startEndpoint((res) => res.writeHead(503).end('busy at 10.0.0.5:8080'));
    closers.push(failing.close);
    await server.registerDevice('busy', SECRET, { pushUrl: failing.url });
    await server.api('POST', '/api/v1/devices/busy/notify');

    await server.api('POST', '/api/v1/users', { username: 'sue', password: 'sue-password', role: 'support' });
    const support = await server.login('sue', 'sue-password');
    const seen = async (devId: string) => {
      const res = await server.api('GET', `/api/v1/devices/${devId}/notifications`, undefined, support);
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { lastError: string | null }[] }).items[0]?.lastError;
    };
    expect(await seen('scan')).toBe('refused');
    expect(await seen('busy')).toBe('http 503');
    const text = JSON.stringify([await seen('scan'), await seen('busy')]);
    expect(text).not.toMatch(/127\.0\.0\.1|10\.0\.0\.5|ECONN|:\d{2,5}/);
    expect(text).not.toContain(String(port));
  });
});
