import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMoData, flattenMoData, normaliseMoSerialization, type FlatNode } from './mo-data';
import type { MoData, MoDataValue } from './mo-serialization.schema';
import { nameFault } from './names';

function flat(moData: MoData, path: string, root: string): FlatNode[] {
  const r = flattenMoData(moData, path, root);
  if (!r.ok) throw new Error(r.error);
  return r.nodes;
}

describe('flattenMoData (protocol §5)', () => {
  it('flattens an instance root keyed by the MO root name', () => {
    expect(flat({ DevInfo: { DevID: 'IMEI:1', Man: 'Acme', Ext: {} } }, '', 'DevInfo')).toEqual([
      { path: '', value: null, isLeaf: false },
      { path: 'DevID', value: 'IMEI:1', isLeaf: true },
      { path: 'Man', value: 'Acme', isLeaf: true },
      { path: 'Ext', value: null, isLeaf: false },
    ]);
  });
  it('flattens a leaf keyed by its own name', () => {
    expect(flat({ FwV: '1.4.2' }, 'FwV', 'DevInfo')).toEqual([{ path: 'FwV', value: '1.4.2', isLeaf: true }]);
  });
  it('accepts the form that descends from the MO root', () => {
    expect(
      flat({ fumo: { DownloadAndUpdate: { PkgURL: 'http://x/fw' } } }, 'DownloadAndUpdate/PkgURL', 'FUMO'),
    ).toEqual([{ path: 'DownloadAndUpdate/PkgURL', value: 'http://x/fw', isLeaf: true }]);
  });
  it('flattens an interior node keyed by its name, with paths below the root', () => {
    expect(flat({ Download: { PkgURL: 'u', Extra: { A: 1 } } }, 'Download', 'FUMO')).toEqual([
      { path: 'Download', value: null, isLeaf: false },
      { path: 'Download/PkgURL', value: 'u', isLeaf: true },
      { path: 'Download/Extra', value: null, isLeaf: false },
      { path: 'Download/Extra/A', value: '1', isLeaf: true },
    ]);
  });
  it('takes any single root key at the instance root', () => {
    expect(flat({ devinfo: { DevID: 'd' } }, '', 'DevInfo')[1]).toEqual({
      path: 'DevID',
      value: 'd',
      isLeaf: true,
    });
  });
  it('turns numbers, booleans and null into leaf values', () => {
    expect(flat({ SessionInfo: { CBT: 3, ROAMING: false, X: null } }, '', 'SessionInfo').slice(1)).toEqual([
      { path: 'CBT', value: '3', isLeaf: true },
      { path: 'ROAMING', value: 'false', isLeaf: true },
      { path: 'X', value: null, isLeaf: true },
    ]);
  });
  it('rejects data that does not match the addressed node', () => {
    expect(flattenMoData({ Man: 'x' }, 'FwV', 'DevInfo')).toMatchObject({ ok: false });
    expect(flattenMoData({ A: '1', B: '2' }, '', 'DevInfo')).toMatchObject({ ok: false });
    expect(flattenMoData({}, '', 'DevInfo')).toMatchObject({ ok: false });
    expect(flattenMoData({ DevInfo: { 'a/b': '1' } }, '', 'DevInfo')).toMatchObject({ ok: false });
    const withArray = JSON.parse('{"DevInfo":{"A":[1]}}') as MoData;
    expect(flattenMoData(withArray, '', 'DevInfo')).toMatchObject({ ok: false });
  });
  it.each([['..'], ['.'], ['a\ud800'], ['\udc00b'], ['x\ufffd']])('refuses the node name %s', (name) => {
    const moData = JSON.parse(`{"DevInfo":{"Ext":{"${name}":"1"}}}`) as MoData;
    expect(flattenMoData(moData, '', 'DevInfo')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/under "Ext": .*(dot-segment|not valid UTF-8)/),
    });
  });
  it('keeps names that only look like dot-segments or carry surrogate pairs', () => {
    const moData = { DevInfo: { '...': '1', '.x': '2', 'a😀': '3' } };
    expect(flattenMoData(moData, '', 'DevInfo')).toMatchObject({ ok: true });
  });
});

describe('buildMoData', () => {
  const nodes: FlatNode[] = [
    { path: '', value: null, isLeaf: false },
    { path: 'PkgName', value: 'fw', isLeaf: true },
    { path: 'Download/PkgURL', value: 'u', isLeaf: true },
    { path: 'State', value: '10', isLeaf: true },
    { path: 'Ext', value: null, isLeaf: false },
  ];
  it('builds the instance root keyed by the root name, filling in missing parents', () => {
    expect(buildMoData(nodes, '', 'FUMO')).toEqual({
      FUMO: { PkgName: 'fw', Download: { PkgURL: 'u' }, State: '10', Ext: {} },
    });
  });
  it('builds a subtree or a leaf keyed by the addressed name', () => {
    expect(buildMoData(nodes, 'Download', 'FUMO')).toEqual({ Download: { PkgURL: 'u' } });
    expect(buildMoData(nodes, 'Download/PkgURL', 'FUMO')).toEqual({ PkgURL: 'u' });
    expect(buildMoData(nodes, 'Nope', 'FUMO')).toEqual({});
  });
  it('keeps names such as __proto__ as own nodes', () => {
    const built = buildMoData([{ path: '__proto__', value: 'p', isLeaf: true }], '', 'R');
    expect(Object.keys(built.R as object)).toEqual(['__proto__']);
    expect(flat(built, '', 'R')[1]).toEqual({ path: '__proto__', value: 'p', isLeaf: true });
  });
});

describe('normaliseMoSerialization', () => {
  it('accepts the array form', () => {
    const body = [{ ClientURI: 'urn:a:b//', MOData: { R: { A: '1' } }, CV: '9' }];
    expect(normaliseMoSerialization(body)).toEqual({ ok: true, value: body });
  });
  it('wraps a single element', () => {
    const item = { ClientURI: 'urn:a:b//', MOData: { A: '1' } };
    expect(normaliseMoSerialization(item)).toEqual({ ok: true, value: [item] });
  });
  it('accepts a bare { MOData } and uses the fallback ClientURI', () => {
    expect(normaliseMoSerialization({ MOData: { PkgURL: 'u' } }, 'urn:x:y/fw/PkgURL')).toEqual({
      ok: true,
      value: [{ ClientURI: 'urn:x:y/fw/PkgURL', MOData: { PkgURL: 'u' } }],
    });
    expect(normaliseMoSerialization({ MOData: { PkgURL: 'u' } })).toEqual({
      ok: true,
      value: [{ ClientURI: '', MOData: { PkgURL: 'u' } }],
    });
  });
  it('reads null optional members as absent', () => {
    const body = [{ ClientURI: null, MOData: { FwV: '1' }, DDF: null, CV: null }];
    expect(normaliseMoSerialization(body, 'urn:x:y/d1/FwV')).toEqual({
      ok: true,
      value: [{ ClientURI: 'urn:x:y/d1/FwV', MOData: { FwV: '1' } }],
    });
  });
  it.each([
    ['a string', 'x'],
    ['null', null],
    ['no MOData', { ClientURI: 'urn:a:b//' }],
    ['MOData not an object', [{ ClientURI: 'urn:a:b//', MOData: 3 }]],
    ['ClientURI not a string', [{ ClientURI: 5, MOData: {} }]],
    ['CV not a string', [{ ClientURI: 'u', MOData: {}, CV: 1 }]],
    ['DDF not a string', [{ ClientURI: 'u', MOData: {}, DDF: {} }]],
    ['an array leaf', [{ ClientURI: 'u', MOData: { A: [1] } }]],
  ])('rejects %s', (_l, body) => {
    expect(normaliseMoSerialization(body).ok).toBe(false);
  });
});

const nodeName = fc
  .string({ minLength: 1, maxLength: 6 })
  .filter((s) => !s.includes('/') && s !== '__proto__' && nameFault(s) === undefined);
const leafArb: fc.Arbitrary<MoDataValue> = fc.oneof(fc.string(), fc.constant(null));
const treeArb = fc.letrec<{ tree: MoDataValue }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.dictionary(nodeName, tie('tree'), { maxKeys: 4 }),
  ),
})).tree;
const interiorArb = fc.dictionary(nodeName, treeArb, { maxKeys: 5 });

describe('MO data round trip (property)', () => {
  it('build(flatten(d)) gives back d at the root and at any addressed node', () => {
    fc.assert(
      fc.property(interiorArb, (root) => {
        const moData = { Root: root };
        const nodes = flat(moData, '', 'Root');
        expect(buildMoData(nodes, '', 'Root')).toEqual(moData);
        for (const node of nodes.filter((n) => n.path !== '')) {
          const sub = buildMoData(nodes, node.path, 'Root');
          const again = flat(sub, node.path, 'Root');
          expect(again).toEqual(
            nodes.filter((n) => n.path === node.path || n.path.startsWith(`${node.path}/`)),
          );
        }
      }),
      { numRuns: 200 },
    );
  });
  it('the descending form flattens like the addressed form', () => {
    // When the addressed node shares the root's name the addressed form wins, so that case is left out.
    const segmentsArb = fc.array(nodeName, { minLength: 1, maxLength: 4 }).filter((s) => s.at(-1) !== 'Root');
    fc.assert(
      fc.property(segmentsArb, treeArb, (segments, value) => {
        const path = segments.join('/');
        let descending: MoDataValue = value;
        for (const seg of [...segments].reverse()) descending = { [seg]: descending };
        const addressed = flattenMoData({ [segments[segments.length - 1]!]: value }, path, 'Root');
        expect(flattenMoData({ Root: descending }, path, 'Root')).toEqual(addressed);
      }),
      { numRuns: 200 },
    );
  });
});
