import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const nested = (depth: number, open = '[', close = ']'): string =>
  `${open.repeat(depth)}${close.repeat(depth)}`;

describe('nestsDeeperThan', () => {
  it('allows MAX_JSON_DEPTH levels and refuses one more', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(nestsDeeperThan(bytes(nested(64)))).toBe(false);
    expect(nestsDeeperThan(bytes(nested(65)))).toBe(true);
    expect(nestsDeeperThan(bytes(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`))).toBe(true);
  });
  it('counts depth, not the number of containers', () => {
    const wide = `[${Array.from({ length: 1_000 }, () => nested(60)).join(',')}]`;
    expect(nestsDeeperThan(bytes(wide))).toBe(false);
  });
  it('ignores brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ a: `${'['.repeat(200)}"\\${'{'.repeat(200)}`, b: ['x'] });
    expect(nestsDeeperThan(bytes(text))).toBe(false);
    expect(nestsDeeperThan(bytes(`["\\"${'['.repeat(100)}"]`))).toBe(false);
  });
  it('scans 100,000 levels in one pass without recursion', () => {
    const started = performance.now();
    expect(nestsDeeperThan(bytes(nested(100_000)))).toBe(true);
    expect(nestsDeeperThan(bytes(`"${'['.repeat(1_000_000)}"`))).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
  it('agrees with the depth of any value JSON.stringify writes (property)', () => {
    const depthOf = (v: unknown): number =>
      typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (v) => {
        const text = bytes(JSON.stringify(v));
        const depth = depthOf(v);
        expect(nestsDeeperThan(text, depth)).toBe(false);
        if (depth > 0) expect(nestsDeeperThan(text, depth - 1)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
