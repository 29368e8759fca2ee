import { describe, expect, it } from 'vitest';
import type { DeviceTree, TreeNode } from '@dmc/shared/api';
import { shortMoName, toTreeRows } from './tree-model';

const MOID = 'urn:oma:mo:oma-dm-devinfo:1.0';
const node = (path: string, value: string | null): TreeNode => ({
  path,
  value,
  format: 'chr',
  reportedAt: '2030-01-01T00:00:00.000Z',
  meta: null,
});
const tree = (): DeviceTree => ({
  devId: 'd1',
  instances: [
    {
      moid: MOID,
      miid: '1',
      ddf: null,
      nodes: [node('Mod', 'X1'), node('', null), node('Ext/A', '1'), node('Ext', null)],
    },
  ],
});

describe('toTreeRows', () => {
  it('orders nodes by path and indents them by depth', () => {
    const rows = toTreeRows(tree().instances[0]!);
    expect(rows.map((r) => [r.name, r.depth])).toEqual([
      ['oma-dm-devinfo', 0],
      ['Ext', 1],
      ['A', 2],
      ['Mod', 1],
    ]);
  });
  it('names an MO by the part of its MOID before the version', () => {
    expect(shortMoName('urn:oma:mo:oma-fumo:1.0')).toBe('oma-fumo');
  });
});
