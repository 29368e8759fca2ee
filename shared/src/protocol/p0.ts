import { MEDIA_TYPES } from './media-types';
import { utf8Decode, utf8Encode } from './utf8';

/** A DM Notification (P0), protocol §6. `reqMos: false` and an absent `reqMos` encode alike. */
export interface P0 {
  serverId: string;
  /** PREFERRED-CON-TYPE, see PREFERRED_CON_TYPES. */
  preferredConType?: number;
  /** uint16, echoed in the ServerInitiatedMgmt alert. */
  notificationId?: number;
  /** SHA256-DIGEST, 32 bytes. */
  digest?: Uint8Array;
  /** POSIX seconds (uint32). */
  timestamp?: number;
  reqMos?: boolean;
}

/** SHA-256 supplied by the caller (node:crypto or WebCrypto), so this module stays isomorphic. */
export type Sha256 = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** Notification credentials: secret = notifySecret (UTF-8), authData = DevID (UTF-8), protocol §9. */
export interface P0Credentials {
  secret: Uint8Array;
  authData: Uint8Array;
}

export type P0DecodeResult = { ok: true; value: P0 } | { ok: false; error: string };

export type P0RejectReason = 'malformed' | 'no-digest' | 'bad-digest' | 'stale';

export type P0VerifyResult = { ok: true; value: P0 } | { ok: false; reason: P0RejectReason; error: string };

export const P0_CONTENT_TYPE = MEDIA_TYPES.notification;
export const P0_VERSION = 1;
export const P0_DIGEST_LENGTH = 32;
/** Accepted distance between TIMESTAMP and the device clock (protocol §6). */
export const P0_MAX_SKEW_S = 300;

export const P0_OPTIONS = {
  serverId: 1,
  preferredConType: 2,
  notificationId: 3,
  digest: 4,
  timestamp: 5,
  reqMos: 6,
} as const;

export const PREFERRED_CON_TYPES = { any: 0, cellular: 1, wlan: 2, wireline: 3 } as const;

const OPTION_NAMES: Record<number, string> = {
  1: 'SERVER-ID',
  2: 'PREFERRED-CON-TYPE',
  3: 'NOTIFICATION-ID',
  4: 'SHA256-DIGEST',
  5: 'TIMESTAMP',
  6: 'REQ-MOS',
};
const FIXED_LENGTHS: Record<number, number> = { 2: 1, 3: 2, 4: P0_DIGEST_LENGTH, 5: 4, 6: 0 };
const MAX_OPTION_LENGTH = 0xfff;
const MAX_OPTION_COUNT = 0x1f;

/** Thrown by encodeP0/signP0 for a P0 that cannot be put on the wire. */
export class P0EncodeError extends Error {
  override readonly name = 'P0EncodeError';
}

function uintBytes(value: number, width: number): Uint8Array {
  const out = new Uint8Array(width);
  for (let i = width - 1, v = value; i >= 0; i -= 1, v = Math.floor(v / 256)) out[i] = v % 256;
  return out;
}

function checkInt(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new P0EncodeError(`${name} must be an integer in 0..${max}, got ${value}`);
  }
}

function optionsOf(p0: P0): [number, Uint8Array][] {
  const serverId = utf8Encode(p0.serverId);
  if (serverId.length === 0 || serverId.length > MAX_OPTION_LENGTH) {
    throw new P0EncodeError(`SERVER-ID must be 1..${MAX_OPTION_LENGTH} UTF-8 bytes`);
  }
  const options: [number, Uint8Array][] = [[P0_OPTIONS.serverId, serverId]];
  if (p0.preferredConType !== undefined) {
    checkInt('PREFERRED-CON-TYPE', p0.preferredConType, PREFERRED_CON_TYPES.wireline);
    options.push([P0_OPTIONS.preferredConType, uintBytes(p0.preferredConType, 1)]);
  }
  if (p0.notificationId !== undefined) {
    checkInt('NOTIFICATION-ID', p0.notificationId, 0xffff);
    options.push([P0_OPTIONS.notificationId, uintBytes(p0.notificationId, 2)]);
  }
  if (p0.digest !== undefined) {
    if (p0.digest.length !== P0_DIGEST_LENGTH) {
      throw new P0EncodeError(`SHA256-DIGEST must be ${P0_DIGEST_LENGTH} bytes, got ${p0.digest.length}`);
    }
    options.push([P0_OPTIONS.digest, Uint8Array.from(p0.digest)]);
  }
  if (p0.timestamp !== undefined) {
    checkInt('TIMESTAMP', p0.timestamp, 0xffffffff);
    options.push([P0_OPTIONS.timestamp, uintBytes(p0.timestamp, 4)]);
  }
  if (p0.reqMos === true) options.push([P0_OPTIONS.reqMos, new Uint8Array(0)]);
  return options;
}

/** Encodes and reports where the digest value sits (for signing). */
function encodeWithOffset(p0: P0): { bytes: Uint8Array; digestOffset: number | undefined } {
  const options = optionsOf(p0);
  const size = options.reduce((n, [, value]) => n + 2 + value.length, 2);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, (P0_VERSION << 12) | (options.length << 7));
  let offset = 2;
  let previous = 0;
  let digestOffset: number | undefined;
  for (const [number, value] of options) {
    view.setUint16(offset, ((number - previous) << 12) | value.length);
    offset += 2;
    if (number === P0_OPTIONS.digest) digestOffset = offset;
    bytes.set(value, offset);
    offset += value.length;
    previous = number;
  }
  return { bytes, digestOffset };
}

/** Encodes a P0 (protocol §6); throws P0EncodeError for out-of-range values. */
export function encodeP0(p0: P0): Uint8Array {
  return encodeWithOffset(p0).bytes;
}

type Parsed = { ok: true; value: P0; digestOffset: number | undefined } | { ok: false; error: string };

function optionName(number: number): string {
  return OPTION_NAMES[number] ?? `option ${number}`;
}

function parse(bytes: Uint8Array): Parsed {
  const fail = (error: string): Parsed => ({ ok: false, error });
  if (bytes.length < 2) return fail(`truncated header: ${bytes.length} of 2 bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = view.getUint16(0);
  const version = header >> 12;
  const count = (header >> 7) & MAX_OPTION_COUNT;
  if (version !== P0_VERSION) return fail(`unsupported VER ${version} (expected ${P0_VERSION})`);
  if ((header & 0x7f) !== 0) return fail('reserved header bits are set');
  const value: Partial<P0> = {};
  let digestOffset: number | undefined;
  let offset = 2;
  let number = 0;
  for (let i = 0; i < count; i += 1) {
    if (offset + 2 > bytes.length) {
      return fail(`option count mismatch: header says ${count} options, found ${i}`);
    }
    const word = view.getUint16(offset);
    const delta = word >> 12;
    const length = word & MAX_OPTION_LENGTH;
    offset += 2;
    if (delta === 0) {
      return fail(number === 0 ? 'option number 0 is not defined' : `${optionName(number)} repeated`);
    }
    number += delta;
    const name = optionName(number);
    if (offset + length > bytes.length) {
      return fail(`${name} value truncated: ${length} bytes announced, ${bytes.length - offset} left`);
    }
    const fixed = FIXED_LENGTHS[number];
    if (fixed !== undefined && length !== fixed) {
      return fail(`${name} must be ${fixed} byte${fixed === 1 ? '' : 's'}, got ${length}`);
    }
    const raw = bytes.subarray(offset, offset + length);
    if (number === P0_OPTIONS.serverId) {
      const text = utf8Decode(raw);
      if (text === undefined) return fail('SERVER-ID is not valid UTF-8');
      if (text === '') return fail('SERVER-ID is empty');
      value.serverId = text;
    } else if (number === P0_OPTIONS.preferredConType) value.preferredConType = raw[0] ?? 0;
    else if (number === P0_OPTIONS.notificationId) value.notificationId = view.getUint16(offset);
    else if (number === P0_OPTIONS.digest) {
      value.digest = Uint8Array.from(raw);
      digestOffset = offset;
    } else if (number === P0_OPTIONS.timestamp) value.timestamp = view.getUint32(offset);
    else if (number === P0_OPTIONS.reqMos) value.reqMos = true;
    // Options above 6 are not defined (protocol §6.1): skipped, but still covered by the digest.
    offset += length;
  }
  if (offset !== bytes.length) {
    return fail(`${bytes.length - offset} trailing bytes after ${count} options (option count mismatch)`);
  }
  const { serverId } = value;
  if (serverId === undefined) return fail('SERVER-ID is missing');
  return { ok: true, value: { ...value, serverId }, digestOffset };
}

/** Decodes a P0 (protocol §6) strictly; never throws. */
export function decodeP0(bytes: Uint8Array): P0DecodeResult {
  const parsed = parse(bytes);
  return parsed.ok ? { ok: true, value: parsed.value } : parsed;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** SHA-256(secret ‖ P0 with the digest zeroed ‖ authData), protocol §6. */
async function digestOf(zeroed: Uint8Array, credentials: P0Credentials, sha256: Sha256): Promise<Uint8Array> {
  const digest = await sha256(concat(credentials.secret, zeroed, credentials.authData));
  if (digest.length !== P0_DIGEST_LENGTH) {
    throw new P0EncodeError(`sha256 returned ${digest.length} bytes, expected ${P0_DIGEST_LENGTH}`);
  }
  return digest;
}

/** Digest = SHA-256(secret ‖ P0 bytes with a zeroed digest ‖ authData) (protocol §6); returns the complete signed bytes. */
export async function signP0(
  p0: Omit<P0, 'digest'>,
  credentials: P0Credentials,
  sha256: Sha256,
): Promise<Uint8Array> {
  const { bytes, digestOffset } = encodeWithOffset({ ...p0, digest: new Uint8Array(P0_DIGEST_LENGTH) });
  if (digestOffset === undefined) throw new P0EncodeError('the digest option was not encoded');
  bytes.set(await digestOf(bytes, credentials, sha256), digestOffset);
  return bytes;
}

/** Constant-time comparison, so a forger learns nothing from response timing. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * Checks a received P0: well-formed, digest over the bytes as received, TIMESTAMP within
 * ±skewS of nowS (protocol §6). A P0 without TIMESTAMP is 'stale': it has no replay protection.
 */
export async function verifyP0(
  bytes: Uint8Array,
  credentials: P0Credentials,
  sha256: Sha256,
  nowS: number,
  skewS: number = P0_MAX_SKEW_S,
): Promise<P0VerifyResult> {
  const parsed = parse(bytes);
  if (!parsed.ok) return { ok: false, reason: 'malformed', error: parsed.error };
  const { value, digestOffset } = parsed;
  if (value.digest === undefined || digestOffset === undefined) {
    return { ok: false, reason: 'no-digest', error: 'the P0 carries no SHA256-DIGEST' };
  }
  const zeroed = Uint8Array.from(bytes);
  zeroed.fill(0, digestOffset, digestOffset + P0_DIGEST_LENGTH);
  if (!sameBytes(await digestOf(zeroed, credentials, sha256), value.digest)) {
    return { ok: false, reason: 'bad-digest', error: 'SHA256-DIGEST does not match' };
  }
  if (value.timestamp === undefined) {
    return { ok: false, reason: 'stale', error: 'the P0 carries no TIMESTAMP' };
  }
  const skew = value.timestamp - nowS;
  if (Math.abs(skew) > skewS) {
    return { ok: false, reason: 'stale', error: `TIMESTAMP is ${skew} s from now (±${skewS} s accepted)` };
  }
  return { ok: true, value };
}
