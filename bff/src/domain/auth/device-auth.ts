// HTTP Basic and Digest (RFC 7616, SHA-256 and MD5) for device packages (protocol §7, §12).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DeviceCredentials } from '../../persistence/ports';
import { DIGEST_REALM, digestHash, verifyBasicSecret, type DigestAlgorithm } from './device-secrets';

export const NONCE_TTL_MS = 300_000;
/**
 * A nonce's count is kept this long after the nonce expires, so an instance whose clock runs behind
 * the one that removed the count cannot take a replay for a first use (protocol §12).
 */
export const NONCE_CLOCK_SKEW_MS = 60_000;

/** Records the highest nonce count seen per nonce, so a replayed Digest response is refused. */
export interface NonceCounter {
  /** True when `nc` is higher than any count seen for `nonce` (and records it). */
  claim(nonce: string, nc: number, expiresAt: number): Promise<boolean>;
}

/**
 * `challenge`: answer 401 with fresh challenges (`stale` marks an expired nonce, RFC 7616 §3.3).
 * `bad-request`: the credentials were made for another request (RFC 7616 §3.4.6); a challenge
 * cannot help, so the device is told what is wrong instead.
 */
export type DeviceAuthResult =
  | { ok: true; devId: string }
  | {
      ok: false;
      answer: 'challenge';
      stale: boolean;
      reason: string;
      /** A wrong secret or Digest response for the DevID: counted by the slow-down (protocol §7). */
      wrongCredential?: true;
    }
  | { ok: false; answer: 'bad-request'; reason: string };

const challenge = (reason: string, stale = false): DeviceAuthResult => ({
  ok: false,
  answer: 'challenge',
  stale,
  reason,
});

const wrongCredential = (reason: string): DeviceAuthResult => ({
  ok: false,
  answer: 'challenge',
  stale: false,
  reason,
  wrongCredential: true,
});

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

/** The origin-form of a request target or Digest `uri`: path and query, without scheme and host. */
function originForm(uri: string): string {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(uri)?.[0];
  if (authority === undefined) return uri;
  const rest = uri.slice(authority.length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** nc is exactly 8 hex digits (RFC 7616 §3.4) and starts at 1. */
function nonceCount(nc: string | undefined): number | undefined {
  if (nc === undefined || !/^[0-9a-fA-F]{8}$/.test(nc)) return undefined;
  const count = Number.parseInt(nc, 16);
  return count >= 1 ? count : undefined;
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
      return challenge('malformed Digest credentials');
    }
    // protocol §12: only qop=auth, whose nonce count makes each answer single-use. The RFC 2069
    // form without qop could be replayed for the nonce's whole life.
    if (p.qop !== 'auth') return challenge('Digest without qop=auth');
    const nc = nonceCount(p.nc);
    if (nc === undefined || !p.cnonce) return challenge('malformed Digest nonce count or cnonce');
    if (originForm(p.uri) !== originForm(input.uri)) {
      return { ok: false, answer: 'bad-request', reason: 'The Digest uri does not name this request.' };
    }
    if (p.username !== input.devId) return challenge('user does not match OMADM-DevID');
    const issued = nonceIssuedAt(p.nonce);
    if (issued === undefined) return challenge('unknown nonce');
    if (now() - issued > NONCE_TTL_MS) return challenge('nonce expired', true);
    if (!input.credentials) return challenge('unknown device');
    const ha1 = algorithm === 'MD5' ? input.credentials.digestHa1Md5 : input.credentials.digestHa1Sha256;
    const ha2 = digestHash(algorithm, `${input.method}:${p.uri}`);
    const expected = digestHash(algorithm, `${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`);
    if (!safeEqual(expected, p.response.toLowerCase())) return wrongCredential('wrong response');
    // Claimed only for a correct response, so nobody else can use up a device's counts.
    if (!(await nonces.claim(p.nonce, nc, issued + NONCE_TTL_MS + NONCE_CLOCK_SKEW_MS))) {
      return challenge('replayed nonce count');
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
      if (!header) return challenge('no credentials');
      if (/^basic /i.test(header)) {
        const basic = parseBasic(header);
        if (!basic || basic.user !== input.devId) return challenge('user does not match OMADM-DevID');
        if (
          !input.credentials ||
          !verifyBasicSecret(serverKey, basic.secret, input.credentials.basicVerifier)
        ) {
          return input.credentials ? wrongCredential('wrong secret') : challenge('wrong secret');
        }
        return { ok: true, devId: input.devId };
      }
      if (/^digest /i.test(header)) return verifyDigest(header, input);
      return challenge('unsupported scheme');
    },
  };
}
