import { describe, expect, it } from 'vitest';
import { digestResponse, HttpAuthenticator, parseChallenges } from './http-auth';

// RFC 7616 §3.9.1
const RFC = {
  username: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  method: 'GET',
  uri: '/dir/index.html',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  nc: '00000001',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  qop: 'auth',
} as const;

describe('digestResponse', () => {
  it('matches the RFC 7616 MD5 example', () => {
    expect(digestResponse({ ...RFC, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });
  it('matches the RFC 7616 SHA-256 example', () => {
    expect(digestResponse({ ...RFC, algorithm: 'SHA-256' })).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });
});

describe('parseChallenges', () => {
  it('splits challenges that fetch joined into one header', () => {
    const header =
      'Digest realm="dmc", qop="auth", algorithm=SHA-256, nonce="a,b", opaque="o", Digest realm="dmc", ' +
      'qop="auth", algorithm=MD5, nonce="n2", Basic realm="dmc devices"';
    expect(parseChallenges(header)).toEqual([
      {
        scheme: 'digest',
        params: { realm: 'dmc', qop: 'auth', algorithm: 'SHA-256', nonce: 'a,b', opaque: 'o' },
      },
      { scheme: 'digest', params: { realm: 'dmc', qop: 'auth', algorithm: 'MD5', nonce: 'n2' } },
      { scheme: 'basic', params: { realm: 'dmc devices' } },
    ]);
  });
});

describe('HttpAuthenticator', () => {
  const both =
    'Basic realm="dmc", Digest realm="dmc", qop="auth", algorithm=MD5, nonce="m", Digest realm="dmc", qop="auth", algorithm=SHA-256, nonce="s", opaque="op"';

  it('sends Basic with DevID:secret from the first package when configured for basic', () => {
    const auth = new HttpAuthenticator('IMEI:1', 'secret-0123456789', 'basic');
    const header = auth.authorization('POST', 'http://h/dm')!;
    expect(Buffer.from(header.replace('Basic ', ''), 'base64').toString()).toBe('IMEI:1:secret-0123456789');
    expect(auth.accept(both)).toBe(true);
    expect(auth.authorization('POST', 'http://h/dm')).toBe(header);
  });

  it('sends nothing before the first challenge when configured for digest', () => {
    const auth = new HttpAuthenticator('IMEI:1', 'secret-0123456789', 'digest');
    expect(auth.authorization('POST', 'http://h/dm')).toBeUndefined();
  });

  it('prefers SHA-256 Digest and counts nc up on the same nonce', () => {
    const auth = new HttpAuthenticator('IMEI:1', 'secret-0123456789', 'digest');
    expect(auth.accept(both)).toBe(true);
    const first = auth.authorization('POST', 'http://h/dm/s/tok?x=1')!;
    const second = auth.authorization('POST', 'http://h/dm/s/tok?x=1')!;
    expect(first).toMatch(/^Digest /);
    expect(first).toContain('algorithm=SHA-256');
    expect(first).toContain('nonce="s"');
    expect(first).toContain('uri="/dm/s/tok?x=1"');
    expect(first).toContain('opaque="op"');
    expect(first).toContain('nc=00000001');
    expect(second).toContain('nc=00000002');
    const params = parseChallenges(first)[0]!.params;
    expect(params.response).toBe(
      digestResponse({
        algorithm: 'SHA-256',
        username: 'IMEI:1',
        password: 'secret-0123456789',
        realm: 'dmc',
        method: 'POST',
        uri: '/dm/s/tok?x=1',
        nonce: 's',
        nc: '00000001',
        cnonce: params.cnonce!,
        qop: 'auth',
      }),
    );
  });

  it('answers with MD5 when the device implements no other algorithm', () => {
    const auth = new HttpAuthenticator('IMEI:1', 'secret-0123456789', 'digest', ['MD5']);
    expect(auth.accept(both)).toBe(true);
    const header = auth.authorization('POST', 'http://h/dm')!;
    expect(header).toContain('algorithm=MD5');
    expect(header).toContain('nonce="m"');
    expect(header).toContain('qop=auth');
  });

  it('refuses a challenge it cannot answer', () => {
    expect(new HttpAuthenticator('d', 's').accept('Bearer realm="x"')).toBe(false);
    expect(new HttpAuthenticator('d', 's').accept(null)).toBe(false);
  });
});
