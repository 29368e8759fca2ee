import { describe, expect, it } from 'vitest';
import type { TreeInstance, TreeNode } from '@dmc/shared/api';
import { diffInstanceJson, instanceToMoData } from './json-diff';

const SCOMO = 'urn:oma:mo:oma-scomo:1.0';
const node = (path: string, value: string | null, format = 'chr'): TreeNode => ({
  path,
  value,
  format,
  reportedAt: '2030-01-01T00:00:00.000Z',
  meta: null,
});
const instance = (): TreeInstance => ({
  moid: SCOMO,
  miid: 'sw',
  ddf: null,
  nodes: [
    node('', null, 'node'),
    node('Download', null, 'node'),
    node('Download/p1', null, 'node'),
    node('Download/p1/PkgURL', 'http://a'),
    node('Download/p1/Name', 'A'),
  ],
});

describe('instanceToMoData', () => {
  it('nests the stored nodes under the root name', () => {
    expect(instanceToMoData(instance(), 'SCOMO')).toEqual({
      SCOMO: { Download: { p1: { PkgURL: 'http://a', Name: 'A' } } },
    });
  });
});

describe('diffInstanceJson', () => {
  it('finds nothing to do for unchanged JSON', () => {
    expect(diffInstanceJson(instance(), 'SCOMO', instanceToMoData(instance(), 'SCOMO'))).toEqual({
      ok: true,
      changes: [],
    });
  });
  it('turns a changed leaf into an HGET of that leaf', () => {
    const edited = { SCOMO: { Download: { p1: { PkgURL: 'http://b', Name: 'A' } } } };
    const result = diffInstanceJson(instance(), 'SCOMO', edited);
    expect(result).toEqual({
      ok: true,
      changes: [
        expect.objectContaining({
          kind: 'edit',
          path: 'Download/p1/PkgURL',
          oldValue: 'http://a',
          newValue: 'http://b',
          input: {
            command: ['HGET', null, `${SCOMO}/sw/Download/p1/PkgURL`],
            data: { PkgURL: 'http://b' },
          },
        }),
      ],
    });
  });
  it('adds a new subtree with one HGET and removes a subtree with one DELETE', () => {
    const edited = { SCOMO: { Download: { p2: { PkgURL: 'http://c', Name: 'C' } } } };
    const result = diffInstanceJson(instance(), 'SCOMO', edited);
    if (!result.ok) throw new Error(result.error);
    expect(result.changes.map((c) => [c.kind, c.path])).toEqual([
      ['add', 'Download/p2'],
      ['delete', 'Download/p1'],
    ]);
    expect(result.changes[0]?.input.data).toEqual({ p2: { PkgURL: 'http://c', Name: 'C' } });
  });
  it('refuses JSON that is not MO data', () => {
    expect(diffInstanceJson(instance(), 'SCOMO', [1, 2]).ok).toBe(false);
    expect(diffInstanceJson(instance(), 'SCOMO', { A: 1, B: 2 }).ok).toBe(false);
  });
});
