// Robustness of the decoders the other suites leave out: P0 bytes and MO data from a device are
// arbitrary input, and the decoders must answer with a result, never throw (protocol §5, §6).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenMoData, normaliseMoSerialization } from './mo-data';
import type { MoData } from './mo-serialization.schema';
import { decodeP0, encodeP0 } from './p0';

const RUNS = 2000;
const json = fc.jsonValue({ maxDepth: 5 });

describe('P0 decoding (fuzz)', () => {
  it('answers every byte string with a result, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = decodeP0(bytes);
        if (!r.ok) expect(typeof r.error).toBe('string');
      }),
      { numRuns: RUNS },
    );
  });

  it('answers every truncation and byte flip of a valid P0 with a result', () => {
    const valid = encodeP0({
      notificationId: 7,
      serverId: 'dmc',
      timestamp: 1_700_000_000,
      digest: new Uint8Array(32),
    });
    fc.assert(
      fc.property(
        fc.nat(valid.length),
        fc.nat(valid.length - 1),
        fc.integer({ min: 1, max: 255 }),
        (cut, at, xor) => {
          const bytes = valid.slice(0, Math.max(cut, at + 1));
          bytes[at] = (bytes[at] ?? 0) ^ xor;
          const r = decodeP0(bytes);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('MO data decoding (fuzz)', () => {
  it('normalises any JSON value to a serialization or an error', () => {
    fc.assert(
      fc.property(json, fc.string(), (body, fallback) => {
        const r = normaliseMoSerialization(body, fallback);
        if (r.ok) expect(Array.isArray(r.value)).toBe(true);
        else expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('flattens any object under any addressed path, or says why not', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 6 }), json, { maxKeys: 4 }),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 8 }),
        (data, addressedPath, rootName) => {
          const r = flattenMoData(data as MoData, addressedPath, rootName);
          if (r.ok) for (const node of r.nodes) expect(typeof node.path).toBe('string');
          else expect(r.error.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
