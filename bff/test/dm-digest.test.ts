import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postPackage } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';
import type { Clock } from '../src/domain/ports';

const DEV = 'IMEI:356938035643809';
const SECRET = 'digest-secret-0123456789';
const P1 = { MOS: [], Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }] };

type Algorithm = 'MD5' | 'SHA-256';
const h = (alg: Algorithm, s: string) =>
  createHash(alg === 'MD5' ? 'md5' : 'sha256')
    .update(s)
    .digest('hex');

function challengeFor(header: string, alg: Algorithm): { realm: string; nonce: string } {
  const entry = header.split(/,\s*(?=Digest|Basic)/).find((c) => c.includes(`algorithm=${alg}`)) ?? '';
  const realm = /realm="([^"]+)"/.exec(entry)?.[1] ?? '';
  const nonce = /nonce="([^"]+)"/.exec(entry)?.[1] ?? '';
  return { realm, nonce };
}

function digestHeader(
  alg: Algorithm,
  c: { realm: string; nonce: string },
  nc: number,
  secret = SECRET,
): string {
  const uri = '/dm';
  const ncHex = nc.toString(16).padStart(8, '0');
  const cnonce = 'abcdef0123456789';
  const ha1 = h(alg, `${DEV}:${c.realm}:${secret}`);
  const ha2 = h(alg, `POST:${uri}`);
  const response = h(alg, `${ha1}:${c.nonce}:${ncHex}:${cnonce}:auth:${ha2}`);
  return `Digest username="${DEV}", realm="${c.realm}", nonce="${c.nonce}", uri="${uri}", algorithm=${alg}, qop=auth, nc=${ncHex}, cnonce="${cnonce}", response="${response}"`;
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

  const send = (authorization?: string) =>
    postPackage(`${server.baseUrl}/dm`, P1, {
      kind: 'initiation',
      devId: DEV,
      ...(authorization ? { authorization } : {}),
    });

  it.each(['SHA-256', 'MD5'] as const)('accepts a correct %s response to the challenge', async (alg) => {
    const challenge = await send();
    expect(challenge.status).toBe(401);
    const c = challengeFor(challenge.headers.get('www-authenticate') ?? '', alg);
    expect(c.nonce).not.toBe('');
    const res = await send(digestHeader(alg, c, 1));
    expect(res.status).toBe(200);
  });

  it('refuses a wrong secret and a replayed nonce count', async () => {
    const c = challengeFor((await send()).headers.get('www-authenticate') ?? '', 'SHA-256');
    expect((await send(digestHeader('SHA-256', c, 1, 'wrong-secret-0123456789'))).status).toBe(401);
    expect((await send(digestHeader('SHA-256', c, 1))).status).toBe(200);
    expect((await send(digestHeader('SHA-256', c, 1))).status).toBe(401);
    expect((await send(digestHeader('SHA-256', c, 2))).status).toBe(200);
  });

  it('refuses a forged nonce', async () => {
    const res = await send(digestHeader('SHA-256', { realm: 'dmc', nonce: 'MTIz.forged' }, 1));
    expect(res.status).toBe(401);
  });

  it('marks an expired nonce stale so the device can retry with a fresh one', async () => {
    const c = challengeFor((await send()).headers.get('www-authenticate') ?? '', 'SHA-256');
    offsetMs = 301_000;
    try {
      const res = await send(digestHeader('SHA-256', c, 1));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/stale=true/);
    } finally {
      offsetMs = 0;
    }
  });
});
