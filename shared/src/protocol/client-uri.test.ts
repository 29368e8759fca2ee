import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  concreteClientUri,
  formatClientUri,
  isConcrete,
  parseClientUri,
  pathToString,
  type ClientUri,
  type InstanceRef,
  type SegmentRef,
} from './client-uri';
import { nameFault } from './names';

const M = 'urn:oma:mo:moid:1.0';

function parsed(input: string): ClientUri {
  const r = parseClientUri(input);
  if (!r.ok) throw new Error(`${input}: ${r.error.message} @${r.error.index}`);
  return r.value;
}

const name = (n: string): SegmentRef => ({ kind: 'name', name: n });

describe('parseClientUri: the protocol §5.1 examples', () => {
  it('addresses the root of instance left', () => {
    expect(parsed(`${M}/left/`)).toEqual({
      moid: M,
      instance: { kind: 'miid', miid: 'left' },
      path: [],
      nv: [],
    });
  });
  it('addresses the only instance with //', () => {
    expect(parsed(`${M}//`)).toEqual({ moid: M, instance: { kind: 'only' }, path: [], nv: [] });
  });
  it('resolves an instance x-name through nv', () => {
    expect(parsed(`${M}/(x)/Data/1/Value?nv=(x)/ID:GPS`)).toEqual({
      moid: M,
      instance: { kind: 'xname', name: 'x' },
      path: [name('Data'), name('1'), name('Value')],
      nv: [{ xname: 'x', path: ['ID'], value: 'GPS' }],
    });
  });
  it('puts an x-name on an inner unnamed node', () => {
    const u = parsed(`${M}/right/Data/(x)/Value?nv=(x)/Date:12.1`);
    expect(u.instance).toEqual({ kind: 'miid', miid: 'right' });
    expect(u.path).toEqual([name('Data'), { kind: 'xname', name: 'x' }, name('Value')]);
    expect(u.nv).toEqual([{ xname: 'x', path: ['Date'], value: '12.1' }]);
  });
  it('takes two placeholders', () => {
    const u = parsed(`${M}/(x)/Data/(y)/Value?nv=(x)/ID:GPS&nv=(y)/Date:12.2`);
    expect(u.nv).toEqual([
      { xname: 'x', path: ['ID'], value: 'GPS' },
      { xname: 'y', path: ['Date'], value: '12.2' },
    ]);
  });
  it('addresses Setting in every instance', () => {
    const u = parsed(`${M}/*/Setting`);
    expect(u.instance).toEqual({ kind: 'all' });
    expect(u.path).toEqual([name('Setting')]);
  });
  it('parses two nv conditions on one x-name (unresolvable later, but well-formed)', () => {
    const u = parsed(`${M}/(x)/Data/*/Value?nv=(x)/ID:GPS&nv=(x)/Setting:0xB2`);
    expect(u.path[1]).toEqual({ kind: 'all' });
    expect(u.nv.map((c) => c.value)).toEqual(['GPS', '0xB2']);
  });
  it('parses wildcards on instance and inner node', () => {
    const u = parsed(`${M}/*/Data/*/Value`);
    expect(u.instance.kind).toBe('all');
    expect(pathToString(u.path)).toBe('Data/*/Value');
    expect(isConcrete(u)).toBe(false);
  });
});

describe('parseClientUri: details', () => {
  it('reads cv and keeps the MOID colons', () => {
    const u = parsed('urn:oma:mo:oma-dm-devinfo:1.0/d1/FwV?cv=9f2c01');
    expect(u).toEqual({
      moid: 'urn:oma:mo:oma-dm-devinfo:1.0',
      instance: { kind: 'miid', miid: 'd1' },
      path: [name('FwV')],
      nv: [],
      cv: '9f2c01',
    });
    expect(isConcrete(u)).toBe(true);
  });
  it('percent-decodes names, MIIDs and nv values', () => {
    const u = parsed(`${M}/my%20inst/a%2Fb/%2A/%28x%29`);
    expect(u.instance).toEqual({ kind: 'miid', miid: 'my inst' });
    expect(u.path).toEqual([name('a/b'), name('*'), name('(x)')]);
    expect(parsed(`${M}/(x)/?nv=(x)/ID:a%26b%3Ac`).nv[0]!.value).toBe('a&b:c');
    expect(parsed(`${M}/%C3%A9/`).instance).toEqual({ kind: 'miid', miid: 'é' });
  });
  it('tolerates a missing slash after the instance and a trailing slash after a path', () => {
    expect(parsed(`${M}/left`)).toEqual(parsed(`${M}/left/`));
    expect(parsed(`${M}/left/Download/`)).toEqual(parsed(`${M}/left/Download`));
  });
  it('accepts nv values that contain colons and nv paths with several segments', () => {
    expect(parsed(`${M}/(x)/?nv=(x)/Info/ID:IMEI:1234`).nv).toEqual([
      { xname: 'x', path: ['Info', 'ID'], value: 'IMEI:1234' },
    ]);
  });
  it('reports concreteness', () => {
    expect(isConcrete(parsed(`${M}//A/B`))).toBe(true);
    expect(isConcrete(parsed(`${M}/(x)/A?nv=(x)/ID:1`))).toBe(false);
    expect(isConcrete(parsed(`${M}/i/A/(x)?nv=(x)/ID:1`))).toBe(false);
  });
});

describe('parseClientUri: errors point at the fault', () => {
  const cases: [string, string, RegExp, number][] = [
    ['empty input', '', /missing MOID/, 0],
    ['missing MOID', '/left/', /missing MOID/, 0],
    ['MOID without urn:', 'oma:mo:oma-dm-devinfo:1.0//', /urn:/, 0],
    ['no slash after the MOID', 'urn:oma:mo:x:1.0', /"\/" after the MOID/, 16],
    ['query before any slash', 'urn:oma:mo:x:1.0?cv=1', /"\/" after the MOID/, 16],
    ['URN without NSS', 'urn:oma/x/', /namespace-specific/, 7],
    ['empty segment', `${M}/i/A//B`, /empty path segment/, M.length + 5],
    ['double slash after root', `${M}/i//`, /empty path segment/, M.length + 3],
    ['bad x-name in instance', `${M}/(xy)/A`, /bad x-name/, M.length + 1],
    ['bad x-name in path', `${M}/i/(1)?nv=(1)/A:b`, /bad x-name/, M.length + 3],
    ['x-name without nv', `${M}/i/Data/(x)/V`, /"\(x\)" has no nv/, M.length + 8],
    [
      'nv for an undeclared x-name',
      `${M}/(x)/A?nv=(x)/ID:1&nv=(y)/ID:2`,
      /"\(y\)", which the URI does not use/,
      M.length + 22,
    ],
    ['x-name used twice', `${M}/(x)/(x)?nv=(x)/ID:1`, /used twice/, M.length + 5],
    ['unknown query field', `${M}/i/A?foo=1`, /unknown query field "foo"/, M.length + 5],
    ['field without =', `${M}/i/A?cv`, /has no "="/, M.length + 5],
    ['empty query field', `${M}/i/A?cv=1&`, /empty query field/, M.length + 10],
    ['duplicate cv', `${M}/i/A?cv=1&cv=2`, /duplicate cv/, M.length + 10],
    ['nv without x-name', `${M}/(x)/A?nv=ID:1`, /nv must start with an x-name/, M.length + 10],
    ['nv without value', `${M}/(x)/A?nv=(x)/ID`, /":" between/, M.length + 16],
    ['nv without slash', `${M}/(x)/A?nv=(x)ID:1`, /"\/" after the x-name/, M.length + 13],
    ['nv path wildcard', `${M}/(x)/A?nv=(x)/*:1`, /wildcards/, M.length + 14],
    ['bad percent escape', `${M}/i/A%2G`, /bad percent-escape/, M.length + 4],
    ['truncated percent escape', `${M}/i/A%2`, /bad percent-escape/, M.length + 4],
    ['invalid UTF-8', `${M}/i/ok/A%C3%28`, /not valid UTF-8/, M.length + 7],
    ['space', `${M}/i/A B`, /unencoded " "/, M.length + 4],
    ['dot-segment instance', `${M}/../A`, /instance: "\.\." is a dot-segment/, M.length + 1],
    ['dot-segment in the path', `${M}/i/A/./B`, /path segment: "\." is a dot-segment/, M.length + 5],
    ['encoded dot-segment', `${M}/i/%2E%2E`, /path segment: "\.\." is a dot-segment/, M.length + 3],
    ['encoded U+FFFD', `${M}/i/A%EF%BF%BD`, /path segment: not valid UTF-8/, M.length + 3],
    ['lone surrogate in a MIID', `${M}/a\ud800/A`, /instance: not valid UTF-8/, M.length + 1],
    ['lone surrogate in the MOID', 'urn:oma:mo:x\udc00:1.0//', /MOID: not valid UTF-8/, 0],
  ];
  it.each(cases)('%s', (_label, input, message, index) => {
    const r = parseClientUri(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(message);
    expect(r.error.index).toBe(index);
  });
});

describe('formatClientUri', () => {
  it('writes the canonical form', () => {
    expect(concreteClientUri('urn:oma:mo:oma-dm-devinfo:1.0', 'd1')).toBe(
      'urn:oma:mo:oma-dm-devinfo:1.0/d1/',
    );
    expect(concreteClientUri('urn:oma:mo:oma-dm-devinfo:1.0', '', 'FwV')).toBe(
      'urn:oma:mo:oma-dm-devinfo:1.0//FwV',
    );
    expect(formatClientUri(parsed(`${M}/(x)/Data/(y)/Value?nv=(x)/ID:GPS&nv=(y)/Date:12.2`))).toBe(
      `${M}/(x)/Data/(y)/Value?nv=(x)/ID:GPS&nv=(y)/Date:12.2`,
    );
    expect(formatClientUri(parsed(`${M}/left`))).toBe(`${M}/left/`);
  });
  it('encodes names that would read as syntax', () => {
    const u: ClientUri = {
      moid: M,
      instance: { kind: 'miid', miid: '*' },
      path: [name('(x)'), name('a/b?c'), name('50%')],
      nv: [],
      cv: 'a&b',
    };
    expect(formatClientUri(u)).toBe(`${M}/%2A/%28x%29/a%2Fb%3Fc/50%25?cv=a%26b`);
    expect(parsed(formatClientUri(u))).toEqual(u);
  });
});

// Generators for well-formed ClientUris: x-names used in the URI each get at least one nv condition.
// Dot-segments and text that is not UTF-8 are no names (protocol §12).
const nameArb = fc
  .string({ minLength: 1, maxLength: 8, unit: 'grapheme' })
  .filter((n) => nameFault(n) === undefined);
const letterArb = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzXYZ'.split(''));
const moidArb = fc
  .tuple(fc.stringMatching(/^[a-z0-9-]{1,10}$/), fc.stringMatching(/^[A-Za-z0-9.:-]{1,12}$/))
  .filter(([nid]) => !nid.startsWith('-'))
  .map(([nid, nss]) => `urn:${nid}:${nss.replace(/^:+/, 'a')}`);
const segArb: fc.Arbitrary<SegmentRef> = fc.oneof(
  { weight: 5, arbitrary: nameArb.map((n) => name(n)) },
  { weight: 1, arbitrary: fc.constant<SegmentRef>({ kind: 'all' }) },
  { weight: 1, arbitrary: letterArb.map((l): SegmentRef => ({ kind: 'xname', name: l })) },
);
const instArb: fc.Arbitrary<InstanceRef> = fc.oneof(
  nameArb.map((miid): InstanceRef => ({ kind: 'miid', miid })),
  fc.constant<InstanceRef>({ kind: 'only' }),
  fc.constant<InstanceRef>({ kind: 'all' }),
  letterArb.map((l): InstanceRef => ({ kind: 'xname', name: l })),
);
const uriArb: fc.Arbitrary<ClientUri> = fc
  .record({
    moid: moidArb,
    instance: instArb,
    path: fc.array(segArb, { maxLength: 4 }),
    nvExtra: fc.array(fc.tuple(fc.array(nameArb, { minLength: 1, maxLength: 3 }), fc.string()), {
      maxLength: 2,
    }),
    cv: fc.option(fc.string(), { nil: undefined }),
  })
  .map(({ moid, instance, path, nvExtra, cv }) => {
    const seen = new Set<string>();
    const dedupe = (ref: { kind: string; name?: string }): boolean => {
      if (ref.kind !== 'xname' || ref.name === undefined) return true;
      if (seen.has(ref.name)) return false;
      seen.add(ref.name);
      return true;
    };
    const inst: InstanceRef = dedupe(instance) ? instance : { kind: 'only' };
    const segs = path.filter(dedupe);
    const xnames = [...seen];
    const nv = xnames.flatMap((x, i) => {
      const extra = nvExtra[i % Math.max(nvExtra.length, 1)];
      return [{ xname: x, path: extra?.[0] ?? ['ID'], value: extra?.[1] ?? 'v' }];
    });
    const uri: ClientUri = { moid, instance: inst, path: segs, nv };
    if (cv !== undefined) uri.cv = cv;
    return uri;
  });

describe('ClientURI round trip (property)', () => {
  it('parse(format(u)) equals u, and format is stable', () => {
    fc.assert(
      fc.property(uriArb, (u) => {
        const text = formatClientUri(u);
        const back = parseClientUri(text);
        expect(back).toEqual({ ok: true, value: u });
        if (back.ok) expect(formatClientUri(back.value)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const r = parseClientUri(s);
        if (!r.ok) expect(r.error.index).toBeGreaterThanOrEqual(0);
        else expect(parseClientUri(formatClientUri(r.value))).toEqual(r);
      }),
      { numRuns: 500 },
    );
  });
});
