import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Decode, utf8Encode } from './utf8';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('utf8', () => {
  it('encodes 1- to 4-byte forms and replaces lone surrogates', () => {
    expect(hex(utf8Encode('aé€😀'))).toBe('61c3a9e282acf09f9880');
    expect(hex(utf8Encode('\ud800'))).toBe('efbfbd');
  });
  it.each([
    ['overlong', [0xc0, 0x80]],
    ['overlong 3-byte', [0xe0, 0x80, 0x80]],
    ['surrogate', [0xed, 0xa0, 0x80]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['truncated', [0xe2, 0x82]],
    ['bad continuation', [0xc3, 0x28]],
    ['stray continuation', [0x80]],
  ])('rejects %s', (_name, bytes) => {
    expect(utf8Decode(Uint8Array.from(bytes))).toBeUndefined();
  });
  it('round-trips any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8Decode(utf8Encode(s))).toBe(s);
      }),
    );
  });
});
