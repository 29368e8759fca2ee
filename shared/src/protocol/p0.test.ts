import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeP0,
  encodeP0,
  P0_CONTENT_TYPE,
  P0EncodeError,
  signP0,
  verifyP0,
  type P0,
  type P0Credentials,
  type Sha256,
} from './p0';

// WebCrypto is in Node 20 and browsers; the shared package declares no DOM or Node types.
const subtle = (
  globalThis as unknown as {
    crypto: { subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> } };
  }
).crypto.subtle;
const sha256: Sha256 = async (data) => new Uint8Array(await subtle.digest('SHA-256', data));

const hex = (s: string): Uint8Array => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));
const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

const CREDENTIALS: P0Credentials = {
  secret: ascii('notify-secret-0123456789'),
  authData: ascii('IMEI:350000000000001'),
};
const NOW = 1_700_000_000; // 0x6553f100

// Hand-assembled: header VER 1 | OC 3 | 0 = 0x1180; then (delta,len) words and values.
const SMALL_HEX = '1180' + '1003' + '646d63' + '2002' + '1234' + '3000';
/** The full P0, hand-assembled: header VER 1 | OC 6 | 0 = 0x1300. */
const fullHex = (digest: string): string =>
  '1300' +
  '1003646d63' + // SERVER-ID "dmc"
  '100102' + // PREFERRED-CON-TYPE WLAN
  '10020007' + // NOTIFICATION-ID 7
  '1020' +
  digest + // SHA256-DIGEST
  '10046553f100' + // TIMESTAMP 1700000000
  '1000'; // REQ-MOS
const ZEROED_HEX = fullHex('00'.repeat(32));
// SHA-256("notify-secret-0123456789" ‖ ZEROED ‖ "IMEI:350000000000001"), computed outside the codec.
const GOLDEN_DIGEST = '7a296267597e53e90247ddfb83ce56c3c7b222f444cb09e1f77aca25be2f66c4';
const SIGNED_HEX = fullHex(GOLDEN_DIGEST);
const FULL: Omit<P0, 'digest'> = {
  serverId: 'dmc',
  preferredConType: 2,
  notificationId: 7,
  timestamp: NOW,
  reqMos: true,
};

describe('P0 codec golden bytes (protocol §6)', () => {
  it('reuses the notification media type', () => {
    expect(P0_CONTENT_TYPE).toBe('application/vnd.oma.dm.notification');
  });
  it('encodes and decodes a small P0', () => {
    const p0: P0 = { serverId: 'dmc', notificationId: 0x1234, reqMos: true };
    expect(toHex(encodeP0(p0))).toBe(SMALL_HEX);
    expect(decodeP0(hex(SMALL_HEX))).toEqual({ ok: true, value: p0 });
  });
  it('signs with SHA-256(secret ‖ zeroed P0 ‖ authData)', async () => {
    const expected = new Uint8Array(
      await subtle.digest(
        'SHA-256',
        Uint8Array.from([...CREDENTIALS.secret, ...hex(ZEROED_HEX), ...CREDENTIALS.authData]),
      ),
    );
    expect(toHex(expected)).toBe(GOLDEN_DIGEST);
    expect(toHex(await signP0(FULL, CREDENTIALS, sha256))).toBe(SIGNED_HEX);
    expect(decodeP0(hex(SIGNED_HEX))).toEqual({ ok: true, value: { ...FULL, digest: hex(GOLDEN_DIGEST) } });
  });
  it('decodes from a view with a byte offset', () => {
    const buffer = hex(`abcdef${SMALL_HEX}`);
    expect(decodeP0(buffer.subarray(3))).toMatchObject({ ok: true, value: { notificationId: 0x1234 } });
  });
  it('skips options protocol §6.1 does not define, keeping them under the digest', () => {
    expect(decodeP0(hex('1100' + '1003646d63' + '6001ff'))).toEqual({ ok: true, value: { serverId: 'dmc' } });
  });
});

describe('decodeP0 rejects malformed P0s precisely', () => {
  const cases: [string, string, string][] = [
    ['empty', '', 'truncated header'],
    ['one byte', '11', 'truncated header'],
    ['wrong VER', '2080' + '1003646d63', 'unsupported VER 2'],
    ['reserved bits', '1081' + '1003646d63', 'reserved header bits are set'],
    ['more options announced', '1100' + '1003646d63', 'header says 2 options, found 1'],
    ['fewer options announced', '1000' + '1003646d63', '5 trailing bytes after 0 options'],
    ['option number 0', '1080' + '0003646d63', 'option number 0 is not defined'],
    ['repeated option', '1100' + '1003646d63' + '0003646d63', 'SERVER-ID repeated'],
    ['truncated value', '1080' + '1005646d63', 'SERVER-ID value truncated: 5 bytes announced, 3 left'],
    ['short NOTIFICATION-ID', '1100' + '1003646d63' + '200107', 'NOTIFICATION-ID must be 2 bytes, got 1'],
    [
      'short digest',
      '1100' + '1003646d63' + '301f' + '00'.repeat(31),
      'SHA256-DIGEST must be 32 bytes, got 31',
    ],
    ['short TIMESTAMP', '1100' + '1003646d63' + '4003010203', 'TIMESTAMP must be 4 bytes, got 3'],
    ['REQ-MOS with a value', '1100' + '1003646d63' + '500100', 'REQ-MOS must be 0 bytes, got 1'],
    [
      'long PREFERRED-CON-TYPE',
      '1100' + '1003646d63' + '10020000',
      'PREFERRED-CON-TYPE must be 1 byte, got 2',
    ],
    ['trailing bytes', SMALL_HEX + 'ff', '1 trailing bytes after 3 options'],
    ['missing SERVER-ID', '1080' + '30021234', 'SERVER-ID is missing'],
    ['no options', '1000', 'SERVER-ID is missing'],
    ['empty SERVER-ID', '1080' + '1000', 'SERVER-ID is empty'],
    ['invalid UTF-8', '1080' + '1002c328', 'SERVER-ID is not valid UTF-8'],
  ];
  it.each(cases)('%s', (_name, bytes, error) => {
    const result = decodeP0(hex(bytes));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });
});

describe('encodeP0 refuses what it cannot put on the wire', () => {
  it.each<[string, P0]>([
    ['empty SERVER-ID', { serverId: '' }],
    ['long SERVER-ID', { serverId: 'x'.repeat(4096) }],
    ['NOTIFICATION-ID above uint16', { serverId: 'dmc', notificationId: 0x10000 }],
    ['fractional NOTIFICATION-ID', { serverId: 'dmc', notificationId: 1.5 }],
    ['unknown PREFERRED-CON-TYPE', { serverId: 'dmc', preferredConType: 4 }],
    ['negative TIMESTAMP', { serverId: 'dmc', timestamp: -1 }],
    ['TIMESTAMP above uint32', { serverId: 'dmc', timestamp: 2 ** 32 }],
    ['31-byte digest', { serverId: 'dmc', digest: new Uint8Array(31) }],
  ])('%s', (_name, p0) => {
    expect(() => encodeP0(p0)).toThrow(P0EncodeError);
  });
});

describe('verifyP0', () => {
  const signed = hex(SIGNED_HEX);
  it('accepts the golden P0 within ±300 s', async () => {
    for (const now of [NOW, NOW - 300, NOW + 300]) {
      expect(await verifyP0(signed, CREDENTIALS, sha256, now)).toMatchObject({ ok: true, value: FULL });
    }
  });
  it('rejects a stale or future TIMESTAMP', async () => {
    for (const now of [NOW - 301, NOW + 301]) {
      expect(await verifyP0(signed, CREDENTIALS, sha256, now)).toMatchObject({ ok: false, reason: 'stale' });
    }
    expect(await verifyP0(signed, CREDENTIALS, sha256, NOW + 30, 10)).toMatchObject({ reason: 'stale' });
  });
  it('rejects other credentials', async () => {
    const other = { ...CREDENTIALS, secret: ascii('another-secret-0123456') };
    expect(await verifyP0(signed, other, sha256, NOW)).toMatchObject({ ok: false, reason: 'bad-digest' });
    const otherDevice = { ...CREDENTIALS, authData: ascii('IMEI:350000000000002') };
    expect(await verifyP0(signed, otherDevice, sha256, NOW)).toMatchObject({ reason: 'bad-digest' });
  });
  it('names a missing digest, a missing TIMESTAMP and malformed bytes', async () => {
    expect(await verifyP0(hex(SMALL_HEX), CREDENTIALS, sha256, NOW)).toMatchObject({ reason: 'no-digest' });
    const undated = await signP0({ serverId: 'dmc' }, CREDENTIALS, sha256);
    expect(await verifyP0(undated, CREDENTIALS, sha256, NOW)).toMatchObject({
      reason: 'stale',
      error: 'the P0 carries no TIMESTAMP',
    });
    expect(await verifyP0(hex('2080'), CREDENTIALS, sha256, NOW)).toMatchObject({
      reason: 'malformed',
      error: 'unsupported VER 2 (expected 1)',
    });
  });
});

const p0Arbitrary: fc.Arbitrary<P0> = fc.record(
  {
    serverId: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
    preferredConType: fc.integer({ min: 0, max: 3 }),
    notificationId: fc.integer({ min: 0, max: 0xffff }),
    digest: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    timestamp: fc.integer({ min: 0, max: 0xffffffff }),
    reqMos: fc.constant(true),
  },
  { requiredKeys: ['serverId'] },
);
const credentialsArbitrary: fc.Arbitrary<P0Credentials> = fc.record({
  secret: fc.uint8Array({ maxLength: 40 }),
  authData: fc.uint8Array({ maxLength: 40 }),
});

describe('P0 properties', () => {
  it('decode(encode(p0)) equals p0', () => {
    fc.assert(
      fc.property(p0Arbitrary, (p0) => {
        expect(decodeP0(encodeP0(p0))).toEqual({ ok: true, value: p0 });
      }),
    );
  });
  it('verify(sign(p0)) is ok', async () => {
    await fc.assert(
      fc.asyncProperty(p0Arbitrary, credentialsArbitrary, async ({ digest: _digest, ...p0 }, credentials) => {
        const bytes = await signP0({ ...p0, timestamp: NOW }, credentials, sha256);
        expect(await verifyP0(bytes, credentials, sha256, NOW)).toMatchObject({ ok: true });
      }),
    );
  });
  it('any single flipped bit of a signed P0 fails verification', async () => {
    await fc.assert(
      fc.asyncProperty(
        p0Arbitrary,
        credentialsArbitrary,
        fc.nat(),
        async ({ digest: _digest, ...p0 }, credentials, bit) => {
          const bytes = await signP0({ ...p0, timestamp: NOW }, credentials, sha256);
          const index = bit % (bytes.length * 8);
          bytes[index >> 3] = (bytes[index >> 3] ?? 0) ^ (1 << (index & 7));
          expect((await verifyP0(bytes, credentials, sha256, NOW)).ok).toBe(false);
        },
      ),
    );
  });
  it('never throws on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 80 }), async (bytes) => {
        const decoded = decodeP0(bytes);
        const verified = await verifyP0(bytes, CREDENTIALS, sha256, NOW);
        expect(verified.ok).toBe(false);
        if (decoded.ok) expect(verified).not.toMatchObject({ reason: 'malformed' });
      }),
    );
  });
  it('never throws on mutated valid P0s', () => {
    fc.assert(
      fc.property(p0Arbitrary, fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 4 }), (p0, edits) => {
        const bytes = encodeP0(p0);
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        const result = decodeP0(bytes);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});
