import { createHash, randomBytes } from 'node:crypto';

/** One challenge of a WWW-Authenticate header: its scheme and auth-params (names lower-cased). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;

/**
 * Parses a WWW-Authenticate value that may hold several challenges, as fetch joins repeated
 * headers with ", " (RFC 9110 §11.6.1).
 */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let rest = header.trim();
  let current: Challenge | undefined;
  while (rest.length > 0) {
    rest = rest.replace(/^[\s,]+/, '');
    const token = TOKEN.exec(rest)?.[0];
    if (token === undefined) break;
    const after = rest.slice(token.length);
    const param = /^\s*=\s*/.exec(after);
    if (param !== null && current !== undefined) {
      let value = after.slice(param[0].length);
      let parsed: string;
      if (value.startsWith('"')) {
        const m = /^"((?:[^"\\]|\\.)*)"/.exec(value);
        parsed = (m?.[1] ?? '').replace(/\\(.)/g, '$1');
        value = value.slice(m?.[0].length ?? value.length);
      } else {
        parsed = /^[^,\s]*/.exec(value)?.[0] ?? '';
        value = value.slice(parsed.length);
      }
      current.params[token.toLowerCase()] = parsed;
      rest = value;
    } else {
      current = { scheme: token.toLowerCase(), params: {} };
      challenges.push(current);
      // token68 (e.g. `Negotiate abc==`) is skipped: neither Basic nor Digest uses it.
      rest = after.replace(/^\s+[A-Za-z0-9\-._~+/]+=*\s*(?=,|$)/, '');
    }
  }
  return challenges;
}

export type DigestAlgorithm = 'MD5' | 'SHA-256' | 'MD5-sess' | 'SHA-256-sess';
export const DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = ['MD5', 'SHA-256', 'MD5-sess', 'SHA-256-sess'];

export interface DigestInput {
  algorithm: DigestAlgorithm;
  username: string;
  password: string;
  realm: string;
  method: string;
  uri: string;
  nonce: string;
  nc: string;
  cnonce: string;
  qop?: 'auth';
}

function hash(algorithm: DigestAlgorithm, text: string): string {
  return createHash(algorithm.startsWith('SHA-256') ? 'sha256' : 'md5')
    .update(text, 'utf8')
    .digest('hex');
}

/** The `response` of RFC 7616 §3.4.1 (qop=auth, or the RFC 2069 form without qop). */
export function digestResponse(i: DigestInput): string {
  let ha1 = hash(i.algorithm, `${i.username}:${i.realm}:${i.password}`);
  if (i.algorithm.endsWith('-sess')) ha1 = hash(i.algorithm, `${ha1}:${i.nonce}:${i.cnonce}`);
  const ha2 = hash(i.algorithm, `${i.method}:${i.uri}`);
  return i.qop === undefined
    ? hash(i.algorithm, `${ha1}:${i.nonce}:${ha2}`)
    : hash(i.algorithm, `${ha1}:${i.nonce}:${i.nc}:${i.cnonce}:${i.qop}:${ha2}`);
}

function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

function asAlgorithm(value: string | undefined): DigestAlgorithm | undefined {
  const upper = (value ?? 'MD5').toUpperCase();
  return DIGEST_ALGORITHMS.find((a) => a.toUpperCase() === upper);
}

export type AuthScheme = 'basic' | 'digest';

interface DigestState {
  challenge: Challenge;
  algorithm: DigestAlgorithm;
  nc: number;
}

/**
 * HTTP authentication of one device (protocol §7): Basic with user = DevID, or Digest (RFC 7616).
 * The caller answers at most one 401 per request; this object remembers the chosen scheme so
 * later packages authenticate up front (Digest reuses the nonce with an incrementing nc).
 */
export class HttpAuthenticator {
  private basic = false;
  private digest: DigestState | undefined;

  constructor(
    private readonly username: string,
    private readonly secret: string,
    private readonly prefer: AuthScheme = 'basic',
    /** The Digest algorithms this device implements; of those offered, SHA-256 is preferred. */
    private readonly digestAlgorithms: readonly DigestAlgorithm[] = DIGEST_ALGORITHMS,
  ) {
    // Protocol §7: credentials ride on every P1/P3. Basic needs no challenge, so a device provisioned
    // for it sends them from its first package; Digest waits for the server's nonce.
    this.basic = prefer === 'basic';
  }

  /** Forget the Digest nonce (a new session starts); a known Basic preference stays. */
  resetNonce(): void {
    this.digest = undefined;
  }

  /** The Authorization header for a request; undefined for Digest before its first challenge. */
  authorization(method: string, url: string): string | undefined {
    if (this.digest !== undefined) return this.digestHeader(this.digest, method, url);
    if (this.basic)
      return `Basic ${Buffer.from(`${this.username}:${this.secret}`, 'utf8').toString('base64')}`;
    return undefined;
  }

  /** Takes a 401's WWW-Authenticate; true when it offers a scheme this device can answer. */
  accept(header: string | null): boolean {
    const challenges = parseChallenges(header ?? '');
    const digests = challenges
      .filter((c) => c.scheme === 'digest' && c.params.nonce !== undefined)
      .map((c) => ({ challenge: c, algorithm: asAlgorithm(c.params.algorithm) }))
      .filter(
        (d): d is { challenge: Challenge; algorithm: DigestAlgorithm } =>
          d.algorithm !== undefined && this.digestAlgorithms.includes(d.algorithm),
      )
      .filter((d) => d.challenge.params.qop === undefined || /\bauth\b/.test(d.challenge.params.qop));
    const digest = digests.find((d) => d.algorithm.startsWith('SHA-256')) ?? digests[0];
    const hasBasic = challenges.some((c) => c.scheme === 'basic');
    const useDigest = digest !== undefined && (this.prefer === 'digest' || !hasBasic);
    if (useDigest) {
      this.digest = { ...digest, nc: 0 };
      this.basic = false;
      return true;
    }
    if (hasBasic) {
      this.basic = true;
      this.digest = undefined;
      return true;
    }
    return false;
  }

  private digestHeader(state: DigestState, method: string, url: string): string {
    state.nc += 1;
    const p = state.challenge.params;
    const realm = p.realm ?? '';
    const target = new URL(url);
    const uri = `${target.pathname}${target.search}`;
    const nc = state.nc.toString(16).padStart(8, '0');
    const cnonce = randomBytes(16).toString('base64url');
    const qop = p.qop === undefined ? undefined : ('auth' as const);
    const userhash = p.userhash?.toLowerCase() === 'true';
    const username = userhash ? hash(state.algorithm, `${this.username}:${realm}`) : this.username;
    const response = digestResponse({
      algorithm: state.algorithm,
      username: this.username,
      password: this.secret,
      realm,
      method,
      uri,
      nonce: p.nonce ?? '',
      nc,
      cnonce,
      ...(qop === undefined ? {} : { qop }),
    });
    const parts = [
      `username=${quote(username)}`,
      `realm=${quote(realm)}`,
      `uri=${quote(uri)}`,
      `algorithm=${state.algorithm}`,
      `nonce=${quote(p.nonce ?? '')}`,
      ...(qop === undefined ? [] : [`nc=${nc}`, `cnonce=${quote(cnonce)}`, `qop=${qop}`]),
      `response=${quote(response)}`,
      ...(p.opaque === undefined ? [] : [`opaque=${quote(p.opaque)}`]),
      ...(userhash ? ['userhash=true'] : []),
    ];
    return `Digest ${parts.join(', ')}`;
  }
}
