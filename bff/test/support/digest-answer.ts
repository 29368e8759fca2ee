// A device's side of HTTP Digest (RFC 7616) written out by hand, so tests can send well-formed,
// malformed and replayed answers alike.
import { createHash } from 'node:crypto';

export type DigestAlgorithm = 'MD5' | 'SHA-256';

export interface DigestChallenge {
  realm: string;
  nonce: string;
}

const hash = (alg: DigestAlgorithm, s: string) =>
  createHash(alg === 'MD5' ? 'md5' : 'sha256')
    .update(s)
    .digest('hex');

/** The challenge for `alg` out of a 401's WWW-Authenticate (empty strings when there is none). */
export function challengeFor(header: string | null, alg: DigestAlgorithm): DigestChallenge {
  const entries = (header ?? '').split(/,\s*(?=Digest|Basic)/);
  const entry = entries.find((c) => c.includes(`algorithm=${alg}`)) ?? '';
  const realm = /realm="([^"]+)"/.exec(entry)?.[1] ?? '';
  const nonce = /nonce="([^"]+)"/.exec(entry)?.[1] ?? '';
  return { realm, nonce };
}

export interface DigestAnswer {
  alg: DigestAlgorithm;
  challenge: DigestChallenge;
  user: string;
  secret: string;
  nc: number;
  /** The `uri` the answer is made for; `/dm` unless told. */
  uri?: string;
  /** Without qop: the RFC 2069 form (no nc, no cnonce). */
  withoutQop?: boolean;
  /** The nc value as sent, when a test needs a malformed one. */
  ncText?: string;
}

/** The Authorization header value answering `challenge`. */
export function digestAuthorization(a: DigestAnswer): string {
  const { alg, challenge: c } = a;
  const uri = a.uri ?? '/dm';
  const nc = a.ncText ?? a.nc.toString(16).padStart(8, '0');
  const cnonce = 'abcdef0123456789';
  const ha1 = hash(alg, `${a.user}:${c.realm}:${a.secret}`);
  const ha2 = hash(alg, `POST:${uri}`);
  const common = `Digest username="${a.user}", realm="${c.realm}", nonce="${c.nonce}", uri="${uri}", algorithm=${alg}`;
  if (a.withoutQop) return `${common}, response="${hash(alg, `${ha1}:${c.nonce}:${ha2}`)}"`;
  const response = hash(alg, `${ha1}:${c.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `${common}, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
}
