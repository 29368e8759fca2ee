import { describe, expect, it } from 'vitest';
import { refusedRangeOf } from './ip-ranges';
import { guardedLookup, outcomeOf } from './push-transport';
import { checkPushUrl, PUBLIC_ONLY } from './push-url-policy';

const ALLOW_PRIVATE = { allowPrivate: true };

describe('push URL rules (protocol §12)', () => {
  it.each([
    ['http://127.0.0.1:8080/push', 'loopback'],
    ['http://127.255.1.2/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:7f00:1]/', 'loopback'],
    ['http://[64:ff9b::127.0.0.1]/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[::ffff:169.254.169.254]/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[febf::1]/', 'link-local'],
    ['http://10.0.0.5:8080/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://172.31.255.255/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://[2002:c0a8:101::1]/', 'private'],
    ['http://100.64.0.1/', 'shared (CGNAT)'],
    ['http://100.127.255.254/', 'shared (CGNAT)'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://0/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    ['http://[fc00::1]/', 'unique-local'],
    ['http://[fd12:3456::1]/', 'unique-local'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://239.255.255.250/', 'multicast'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://255.255.255.255/', 'broadcast or reserved'],
    ['http://240.0.0.1/', 'broadcast or reserved'],
    ['http://[::127.0.0.1]/', 'not global unicast'],
    ['http://[2001:db8::1]/', 'documentation'],
  ])('refuses %s (%s)', (url, range) => {
    expect(checkPushUrl(url, PUBLIC_ONLY)).toEqual({ ok: false, reason: `the host is a ${range} address` });
    expect(checkPushUrl(url, ALLOW_PRIVATE).ok).toBe(true);
  });

  it.each(['http://localhost:9000/push', 'http://LOCALHOST./', 'https://device.localhost/'])(
    'refuses the loopback name in %s',
    (url) => {
      expect(checkPushUrl(url, PUBLIC_ONLY)).toEqual({ ok: false, reason: 'the host is a loopback name' });
    },
  );

  it.each([
    'http://8.8.8.8/',
    'https://93.184.215.14:8443/push',
    'http://172.32.0.1/',
    'http://100.128.0.1/',
    'http://169.255.0.1/',
    'http://[2001:4860:4860::8888]/',
    'http://[::ffff:8.8.8.8]/',
    'http://[64:ff9b::8.8.8.8]/',
    'https://push.example.com/devices/1',
  ])('accepts %s', (url) => {
    expect(checkPushUrl(url, PUBLIC_ONLY).ok).toBe(true);
  });

  it.each(['ftp://push.example.com/', 'file:///etc/passwd', 'gopher://example.com/', 'not a url'])(
    'refuses %s whatever DMC_PUSH_ALLOW_PRIVATE says',
    (url) => {
      expect(checkPushUrl(url, PUBLIC_ONLY).ok).toBe(false);
      expect(checkPushUrl(url, ALLOW_PRIVATE).ok).toBe(false);
    },
  );

  it('classifies resolver answers, IPv6 zones included', () => {
    expect(refusedRangeOf('fe80::1%eth0')).toBe('link-local');
    expect(refusedRangeOf('::ffff:10.1.2.3')).toBe('private');
    expect(refusedRangeOf('1.1.1.1')).toBeUndefined();
    expect(refusedRangeOf('2606:4700:4700::1111')).toBeUndefined();
    expect(refusedRangeOf('not-an-address')).toBe('not global unicast');
    expect(refusedRangeOf('1:2:3:4:5:6:7:8:9')).toBe('not global unicast');
  });
});

describe('the push transport at send time', () => {
  const lookupOnce = (lookup: ReturnType<typeof guardedLookup>, host: string) =>
    new Promise<{ err: NodeJS.ErrnoException | null; addresses: unknown }>((resolve) => {
      lookup(host, { all: true }, (err, addresses) => resolve({ err, addresses }));
    });

  it('refuses a host name that resolves to a loopback address', async () => {
    const { err } = await lookupOnce(guardedLookup(PUBLIC_ONLY), 'localhost');
    expect(err?.code).toBe('EPUSHNOTALLOWED');
    expect(outcomeOf(err)).toBe('address not allowed');
  });

  it('hands the socket the addresses it checked when private ones are allowed', async () => {
    const { err, addresses } = await lookupOnce(guardedLookup(ALLOW_PRIVATE), 'localhost');
    expect(err).toBeNull();
    expect(addresses).toEqual(
      expect.arrayContaining([expect.objectContaining({ address: expect.any(String) })]),
    );
  });

  it('names the outcome of a failure, never its network detail', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:8080'), { code: 'ECONNREFUSED' });
    expect(outcomeOf(refused)).toBe('refused');
    expect(outcomeOf(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toBe('timeout');
    expect(outcomeOf(Object.assign(new Error('getaddrinfo ENOTFOUND a.b'), { code: 'ENOTFOUND' }))).toBe(
      'host not found',
    );
    expect(outcomeOf(Object.assign(new Error('x'), { code: 'EHOSTUNREACH' }))).toBe('unreachable');
    expect(outcomeOf(Object.assign(new Error('x'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }))).toBe(
      'tls error',
    );
    expect(outcomeOf(new Error('something odd at 10.0.0.5'))).toBe('failed');
  });
});
