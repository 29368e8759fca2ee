// Refused contacts (issue 12) over real HTTP: a registered device that is refused at /dm or at a DR
// inbox leaves a record an operator can read (time, HTTP status, code, reason in words), with no
// credential in it; routine challenges and unregistered DevIDs leave nothing; consoles watching the
// device get each record live.
import { apiRoutes, refusalListSchema, type RefusalList } from '@dmc/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, postPackage } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const DEV = 'IMEI:356938035643809';
const SECRET = 'device-secret-0123456789';
const WRONG = 'Wrong-Secret-That-Must-Not-Show-Up';
const LIMIT = 64 * 1024;
const P1 = {
  MOS: [{ MOID: 'urn:oma:mo:oma-dm-devinfo:1.0', MIID: ['d1'] }],
  Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }],
};

describe('refused contacts', () => {
  let server: TestServer;

  const refusals = async (devId = DEV): Promise<RefusalList> => {
    await server.app.services.refusals.idle();
    const res = await server.api('GET', apiRoutes.deviceRefusals(devId));
    expect(res.status).toBe(200);
    return refusalListSchema.parse(await res.json());
  };
  const p1 = (options: Parameters<typeof postPackage>[2], body: unknown = P1) =>
    postPackage(`${server.baseUrl}/dm`, body, options);

  beforeAll(async () => {
    server = await startTestServer({ settings: { maxPackageBytes: LIMIT } });
    await server.registerDevice(DEV, SECRET);
  });
  afterAll(async () => {
    await server.close();
  });

  it('starts with none', async () => {
    expect(await refusals()).toEqual({ items: [] });
  });

  it('records a wrong password, without the password', async () => {
    const socket = await server.socket();
    await socket.emitWithAck('device:watch', { devId: DEV });
    const live = new Promise<unknown>((resolve) => socket.once('device:refused', resolve));
    const res = await p1({ kind: 'initiation', devId: DEV, authorization: basicAuth(DEV, WRONG) });
    expect(res.status).toBe(401);
    const { items } = await refusals();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      endpoint: 'dm',
      status: 401,
      code: 'UNAUTHENTICATED',
      reason: expect.stringMatching(/^Authentication failed/) as unknown,
      suppressed: 0,
    });
    expect(await live).toEqual({ devId: DEV, refusal: items[0] });
    // Neither the secret nor the header that carried it is kept anywhere in the record.
    const stored = JSON.stringify(await server.store.refusals.listByDevice(DEV, 50));
    const header = basicAuth(DEV, WRONG).slice('Basic '.length);
    for (const text of [WRONG, header, SECRET]) expect(stored).not.toContain(text);
  });

  it('does not record the challenge to a P1 without credentials', async () => {
    expect((await p1({ kind: 'initiation', devId: DEV })).status).toBe(401);
    expect((await refusals()).items).toHaveLength(1);
  });

  it('records a 415 and a 413, newest first', async () => {
    const wrongType = await p1({ kind: 'initiation', devId: DEV, contentType: 'application/json' });
    expect(wrongType.status).toBe(415);
    const tooLarge = await p1(
      { kind: 'initiation', devId: DEV, authorization: basicAuth(DEV, SECRET) },
      { ...P1, pad: 'x'.repeat(LIMIT) },
    );
    expect(tooLarge.status).toBe(413);
    const { items } = await refusals();
    expect(items.map((r) => [r.status, r.code])).toEqual([
      [413, 'PAYLOAD_TOO_LARGE'],
      [415, 'UNSUPPORTED_MEDIA_TYPE'],
      [401, 'UNAUTHENTICATED'],
    ]);
    expect(items[1]?.reason).toMatch(/Content-Type must be/);
    expect(Date.parse(items[0]?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(items[2]?.at ?? ''));
  });

  it('records a refused upload to one of the device inbox', async () => {
    const queued = await server.api('POST', apiRoutes.deviceCommands(DEV), {
      command: ['HPUT', null, 'urn:oma:mo:oma-dm-devinfo:1.0/d1/'],
    });
    expect(queued.status).toBe(201);
    const { id } = (await queued.json()) as { id: string };
    const record = (await (await server.api('GET', apiRoutes.command(id))).json()) as { command: string[] };
    const inbox = record.command[1] ?? '';
    const res = await fetch(inbox, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(res.status).toBe(415);
    const [latest] = (await refusals()).items;
    expect(latest).toMatchObject({ endpoint: 'dr-inbox', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('records nothing for a DevID that is not registered', async () => {
    const stranger = 'IMEI:000000000000001';
    const res = await p1({ kind: 'initiation', devId: stranger, authorization: basicAuth(stranger, WRONG) });
    expect(res.status).toBe(401);
    await server.app.services.refusals.idle();
    expect(await server.store.refusals.listByDevice(stranger, 50)).toEqual([]);
    expect((await server.api('GET', apiRoutes.deviceRefusals(stranger))).status).toBe(404);
  });

  it('lets support users read them', async () => {
    const created = await server.api('POST', '/api/v1/users', {
      username: 'sue',
      password: 'support-password',
      role: 'support',
    });
    expect(created.status).toBe(201);
    const token = await server.login('sue', 'support-password');
    const res = await server.api('GET', apiRoutes.deviceRefusals(DEV), undefined, token);
    expect(res.status).toBe(200);
  });
});
