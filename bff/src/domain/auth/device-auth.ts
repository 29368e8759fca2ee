// HTTP Basic and Digest (RFC 7616, SHA-256 and MD5) for device packages (protocol §7).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DeviceCredentials } from '../../persistence/ports';
import { DIGEST_REALM, digestHash, verifyBasicSecret, type DigestAlgorithm } from './device-secrets';

export const NONCE_TTL_MS = 300_000;

/** Records the highest nonce count seen per nonce, so a replayed Digest response is refused. */
export interface NonceCounter {
  /** True when `nc` is higher than any count seen for `nonce` (and records it). */
  claim(nonce: string, nc: number, expiresAt: number): Promise<boolean>;
}

export type DeviceAuthResult = { ok: true; devId: string } | { ok: false; stale: boolean; reason: string };

export interface DigestParams {
  [key: string]: string | undefined;
}

/** Parses the auth-params of a Digest Authorization header (quoted or token values). */
export function parseDigestParams(header: string): DigestParams {
  const params: DigestParams = {};
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (const match of header.matchAll(re)) {
    const [, key, quoted, token] = match;
    if (key) params[key.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : token;
  }
  return params;
}

/** Splits Basic credentials at the LAST ':' (DevIDs contain ':'; secrets never do). */
export function parseBasic(header: string): { user: string; secret: string } | undefined {
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.lastIndexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface DeviceAuthenticator {
  /** WWW-Authenticate challenges for both schemes; `stale` marks an expired nonce (RFC 7616 §3.3). */
  challenges(stale?: boolean): string[];
  verify(input: {
    authorization: string | undefined;
    devId: string;
    method: string;
    uri: string;
    credentials: DeviceCredentials | undefined;
  }): Promise<DeviceAuthResult>;
}

export function createDeviceAuthenticator(
  serverKey: Buffer,
  nonces: NonceCounter,
  now: () => number,
): DeviceAuthenticator {
  const sign = (issued: string) =>
    createHmac('sha256', serverKey).update(`nonce:${issued}`).digest('base64url');
  // Random bytes make every nonce unique: counts are tracked per nonce, so two devices challenged
  // in the same millisecond must not share one (each would see the other's nc=1 as a replay).
  const newNonce = () => {
    const issued = `${now()}-${randomBytes(12).toString('hex')}`;
    return `${Buffer.from(issued).toString('base64url')}.${sign(issued)}`;
  };
  const nonceIssuedAt = (nonce: string): number | undefined => {
    const [encoded, mac] = nonce.split('.');
    if (!encoded || !mac) return undefined;
    const issued = Buffer.from(encoded, 'base64url').toString('utf8');
    const time = /^(\d+)-[0-9a-f]+$/.exec(issued)?.[1];
    return time !== undefined && safeEqual(mac, sign(issued)) ? Number(time) : undefined;
  };

  async function verifyDigest(
    header: string,
    input: Parameters<DeviceAuthenticator['verify']>[0],
  ): Promise<DeviceAuthResult> {
    const p = parseDigestParams(header.slice(7));
    const algorithm: DigestAlgorithm | undefined =
      p.algorithm === undefined || p.algorithm.toUpperCase() === 'MD5'
        ? 'MD5'
        : p.algorithm.toUpperCase() === 'SHA-256'
          ? 'SHA-256'
          : undefined;
    if (!algorithm || !p.username || !p.nonce || !p.uri || !p.response || p.realm !== DIGEST_REALM) {
      return { ok: false, stale: false, reason: 'malformed Digest credentials' };
    }
    if (p.username !== input.devId)
      return { ok: false, stale: false, reason: 'user does not match OMADM-DevID' };
    const issued = nonceIssuedAt(p.nonce);
    if (issued === undefined) return { ok: false, stale: false, reason: 'unknown nonce' };
    if (now() - issued > NONCE_TTL_MS) return { ok: false, stale: true, reason: 'nonce expired' };
    if (!input.credentials) return { ok: false, stale: false, reason: 'unknown device' };
    const ha1 = algorithm === 'MD5' ? input.credentials.digestHa1Md5 : input.credentials.digestHa1Sha256;
    const ha2 = digestHash(algorithm, `${input.method}:${p.uri}`);
    const expected =
      p.qop === 'auth'
        ? digestHash(algorithm, `${ha1}:${p.nonce}:${p.nc ?? ''}:${p.cnonce ?? ''}:auth:${ha2}`)
        : digestHash(algorithm, `${ha1}:${p.nonce}:${ha2}`);
    if (!safeEqual(expected, p.response.toLowerCase()))
      return { ok: false, stale: false, reason: 'wrong response' };
    if (p.qop === 'auth') {
      const nc = Number.parseInt(p.nc ?? '', 16);
      if (!Number.isFinite(nc) || !(await nonces.claim(p.nonce, nc, issued + NONCE_TTL_MS))) {
        return { ok: false, stale: false, reason: 'replayed nonce count' };
      }
    }
    return { ok: true, devId: input.devId };
  }

  return {
    challenges(stale = false) {
      const nonce = newNonce();
      const staleParam = stale ? ', stale=true' : '';
      return [
        `Digest realm="${DIGEST_REALM}", qop="auth", algorithm=SHA-256, nonce="${nonce}"${staleParam}`,
        `Digest realm="${DIGEST_REALM}", qop="auth", algorithm=MD5, nonce="${nonce}"${staleParam}`,
        `Basic realm="${DIGEST_REALM}", charset="UTF-8"`,
      ];
    },

    async verify(input) {
      const header = input.authorization;
      if (!header) return { ok: false, stale: false, reason: 'no credentials' };
      if (/^basic /i.test(header)) {
        const basic = parseBasic(header);
        if (!basic || basic.user !== input.devId) {
          return { ok: false, stale: false, reason: 'user does not match OMADM-DevID' };
        }
        if (
          !input.credentials ||
          !verifyBasicSecret(serverKey, basic.secret, input.credentials.basicVerifier)
        ) {
          return { ok: false, stale: false, reason: 'wrong secret' };
        }
        return { ok: true, devId: input.devId };
      }
      if (/^digest /i.test(header)) return verifyDigest(header, input);
      return { ok: false, stale: false, reason: 'unsupported scheme' };
    },
  };
}
