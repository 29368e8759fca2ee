import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, versionSortKey, versionSortKeyOrNull } from './version-order';

const sign = (n: number): number => Math.sign(n);

describe('version order', () => {
  it.each([
    ['1.9', '1.10'],
    ['1.10', '2'],
    ['2', '10'],
    ['1.0-rc1', '1.0'],
    ['1.0-rc.2', '1.0-rc.10'],
    ['1.0-alpha', '1.0-beta'],
    ['1.0-beta', '1.0-rc1'],
    ['0.9', '1.0-alpha'],
    ['1.0', '1.0.0'],
    ['1.0.0', '1.0.1'],
    ['1.0.1', '1.0a'],
    ['1.0a', '1.0b'],
    ['1.0-rc', '1.0-rc.1'],
    ['1.0.0-rc1', '1.0.1-rc1'],
    ['', '0'],
    ['9', '1000000000000000000000000000000000000001'],
  ])('%s comes before %s', (a, b) => {
    expect(compareVersions(a, b)).toBeLessThan(0);
    expect(compareVersions(b, a)).toBeGreaterThan(0);
    expect(versionSortKey(a) < versionSortKey(b)).toBe(true);
  });

  it.each([
    ['1.02', '1.2'],
    ['1.0-RC1', '1.0-rc.1'],
    ['1_0', '1.0'],
    ['1.0+build.7', '1.0'],
    ['v', 'V'],
  ])('%s and %s are the same version, with equal keys', (a, b) => {
    expect(compareVersions(a, b)).toBe(0);
    expect(versionSortKey(a)).toBe(versionSortKey(b));
  });

  it('keys are ASCII, and null stays null', () => {
    expect(versionSortKey('1.0-rc1 ünïcode')).toMatch(/^[\x20-\x7e]*$/);
    expect(versionSortKeyOrNull(null)).toBeNull();
    expect(versionSortKeyOrNull('1')).toBe(versionSortKey('1'));
  });

  const version = fc
    .tuple(
      fc.array(fc.oneof(fc.nat(20_000).map(String), fc.constantFrom('a', 'b', 'rc', 'beta')), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.option(fc.array(fc.oneof(fc.nat(30).map(String), fc.constantFrom('alpha', 'rc')), { maxLength: 3 })),
    )
    .map(([release, pre]) => `${release.join('.')}${pre === null ? '' : `-${pre.join('.')}`}`);

  it('is a total order: antisymmetric and transitive, and keys order as compare does', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        // Opposite signs (a sum of 0; toBe would tell 0 from -0 for equal versions).
        expect(sign(compareVersions(a, b)) + sign(compareVersions(b, a))).toBe(0);
        if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0)
          expect(compareVersions(a, c)).toBeLessThanOrEqual(0);
        expect(versionSortKey(a) === versionSortKey(b)).toBe(compareVersions(a, b) === 0);
      }),
    );
  });

  it('numeric releases order as their numbers do, segment by segment', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(100_000), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(100_000), { minLength: 1, maxLength: 4 }),
        (x, y) => {
          let expected = 0;
          for (let i = 0; i < Math.max(x.length, y.length) && expected === 0; i += 1) {
            const [p, q] = [x[i], y[i]];
            if (p === undefined) expected = -1;
            else if (q === undefined) expected = 1;
            else expected = sign(p - q);
          }
          expect(sign(compareVersions(x.join('.'), y.join('.')))).toBe(expected);
        },
      ),
    );
  });
});
