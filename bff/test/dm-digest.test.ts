import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postPackage, type DmResponse } from './support/dm-client';
import {
  challengeFor,
  digestAuthorization,
  type DigestAlgorithm as Algorithm,
  type DigestAnswer,
  type DigestChallenge,
} from './support/digest-answer';
import { startTestServer, type TestServer } from './support/test-server';
import type { Clock } from '../src/domain/ports';

const DEV = 'IMEI:356938035643809';
const SECRET = 'digest-secret-0123456789';
const P1 = { MOS: [], Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }] };

type AnswerOptions = Partial<Pick<DigestAnswer, 'secret' | 'uri' | 'withoutQop' | 'ncText'>>;

const digestHeader = (alg: Algorithm, challenge: DigestChallenge, nc: number, options: AnswerOptions = {}) =>
  digestAuthorization({ alg, challenge, user: DEV, secret: SECRET, nc, ...options });

function errorMessage(res: DmResponse): string {
  return (res.body as { error?: { message?: string } }).error?.message ?? '';
}

describe('HTTP Digest for device packages (RFC 7616)', () => {
  let server: TestServer;
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

  beforeAll(async () => {
    server = await startTestServer({ clock });
    await server.registerDevice(DEV, SECRET);
  });
  afterAll(async () => {
    await server.close();
  });

  const send = (authorization?: string, path = '/dm', body: unknown = P1) =>
    postPackage(`${server.baseUrl}${path}`, body, {
      kind: path.startsWith('/dm/s/') ? 'response' : 'initiation',
      devId: DEV,
      ...(authorization ? { authorization } : {}),
    });
  const challenge = async (alg: Algorithm = 'SHA-256') => {
    const res = await send();
    expect(res.status).toBe(401);
    const c = challengeFor(res.headers.get('www-authenticate'), alg);
    expect(c.nonce).not.toBe('');
    return c;
  };

  it.each(['SHA-256', 'MD5'] as const)('accepts a correct %s response to the challenge', async (alg) => {
    const c = await challenge(alg);
    const res = await send(digestHeader(alg, c, 1));
    expect(res.status).toBe(200);
  });

  it('refuses a wrong secret and a replayed nonce count', async () => {
    const c = await challenge();
    expect((await send(digestHeader('SHA-256', c, 1, { secret: 'wrong-secret-0123456789' }))).status).toBe(
      401,
    );
    expect((await send(digestHeader('SHA-256', c, 1))).status).toBe(200);
    expect((await send(digestHeader('SHA-256', c, 1))).status).toBe(401);
    expect((await send(digestHeader('SHA-256', c, 2))).status).toBe(200);
  });

  it('refuses a nonce count lower than one already used', async () => {
    const c = await challenge();
    expect((await send(digestHeader('SHA-256', c, 1))).status).toBe(200);
    expect((await send(digestHeader('SHA-256', c, 3))).status).toBe(200);
    expect((await send(digestHeader('SHA-256', c, 2))).status).toBe(401);
    expect((await send(digestHeader('SHA-256', c, 3))).status).toBe(401);
    expect((await send(digestHeader('SHA-256', c, 4))).status).toBe(200);
  });

  it.each(['SHA-256', 'MD5'] as const)(
    'refuses a correct %s answer without qop with a fresh challenge',
    async (alg) => {
      const c = await challenge(alg);
      const res = await send(digestHeader(alg, c, 0, { withoutQop: true }));
      expect(res.status).toBe(401);
      const fresh = challengeFor(res.headers.get('www-authenticate'), alg);
      expect(fresh.nonce).not.toBe('');
      expect(fresh.nonce).not.toBe(c.nonce);
      expect(res.headers.get('www-authenticate')).toMatch(/qop="auth"/);
      // Repeating it changes nothing: without a nonce count it could be replayed at will.
      expect((await send(digestHeader(alg, c, 0, { withoutQop: true }))).status).toBe(401);
    },
  );

  it.each(['1', '0000000g', '000000001', '00000000'])('refuses the nonce count %s', async (ncText) => {
    const c = await challenge();
    expect((await send(digestHeader('SHA-256', c, 1, { ncText }))).status).toBe(401);
  });

  it('answers 400 to a uri for another path, without using up the count', async () => {
    const c = await challenge();
    const res = await send(digestHeader('SHA-256', c, 1, { uri: '/dm/jobs/another' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(errorMessage(res)).toMatch(/Digest uri/);
    expect((await send(digestHeader('SHA-256', c, 1))).status).toBe(200);
  });

  it('compares the query too, and takes an absolute uri by its path and query', async () => {
    const c = await challenge();
    expect((await send(digestHeader('SHA-256', c, 1), '/dm?via=lb')).status).toBe(400);
    expect((await send(digestHeader('SHA-256', c, 1, { uri: '/dm?via=lb' }), '/dm?via=lb')).status).toBe(200);
    const absolute = `${server.baseUrl}/dm`;
    expect((await send(digestHeader('SHA-256', c, 2, { uri: absolute }))).status).toBe(200);
  });

  it('refuses a P3 whose uri names the P1 address instead of the CONT URL', async () => {
    const c = await challenge();
    // A DevInfo instance makes the server read it, so the session stays open for a P3.
    const withInventory = { ...P1, MOS: [{ MOID: 'urn:oma:mo:oma-dm-devinfo:1.0', MIID: ['d1'] }] };
    const p2 = await send(digestHeader('SHA-256', c, 1), '/dm', withInventory);
    expect(p2.status).toBe(200);
    const cont = (p2.body as { CMD: string[][] }).CMD[0]?.[1] ?? '';
    const contPath = new URL(cont).pathname;
    expect(contPath).toMatch(/^\/dm\/s\//);
    const wrong = await send(digestHeader('SHA-256', c, 2), contPath, {});
    expect(wrong.status).toBe(400);
    expect(errorMessage(wrong)).toMatch(/Digest uri/);
    // The same count made for the CONT URL passes authentication (the empty P3 is then refused).
    const right = await send(digestHeader('SHA-256', c, 2, { uri: contPath }), contPath, {});
    expect(errorMessage(right)).not.toMatch(/Digest uri/);
    expect(right.status).not.toBe(401);
  });

  it('refuses a forged nonce', async () => {
    const res = await send(digestHeader('SHA-256', { realm: 'dmc', nonce: 'MTIz.forged' }, 1));
    expect(res.status).toBe(401);
  });

  it('marks an expired nonce stale so the device can retry with a fresh one', async () => {
    const c = await challenge();
    offsetMs = 301_000;
    try {
      const res = await send(digestHeader('SHA-256', c, 1));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/stale=true/);
    } finally {
      offsetMs = 0;
    }
  });

  it('keeps a count past its nonce, for instances whose clocks run behind', async () => {
    const c = await challenge();
    expect((await send(digestHeader('SHA-256', c, 1))).status).toBe(200);
    // An instance with a clock 30 s ahead sweeps just after the nonce expired there ...
    await server.store.nonces.removeExpired(new Date(Date.now() + 330_000));
    // ... while this one still takes the nonce as fresh: the replay must still be refused.
    expect((await send(digestHeader('SHA-256', c, 1))).status).toBe(401);
  });
});
