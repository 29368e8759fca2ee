import { describe, expect, it } from 'vitest';
import type { TreeInstance, TreeNode } from '@dmc/shared/api';
import { explorerRows } from './explorer-rows';
import { nodeKey } from './tree-model';

const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0';
const FUMO = 'urn:oma:mo:oma-fumo:1.0';
const node = (path: string, value: string | null = null): TreeNode => ({
  path,
  value,
  format: value === null ? 'node' : 'chr',
  reportedAt: '2030-01-01T00:00:00.000Z',
  meta: null,
});
const instances = (): TreeInstance[] => [
  { moid: FUMO, miid: 'fw', ddf: null, nodes: [node('DownloadAndUpdate/PkgURL', '')] },
  { moid: DEVINFO, miid: 'd1', ddf: null, nodes: [node(''), node('FwV', '1.0'), node('Mod', 'Sim-1')] },
];
const view = (rows: ReturnType<typeof explorerRows>) => rows.map((r) => `${'  '.repeat(r.depth)}${r.name}`);

describe('explorerRows', () => {
  it('lists instances in MOID order with their nodes depth-first, filling in missing interior nodes', () => {
    const rows = explorerRows(instances(), new Set(), '');
    expect(view(rows)).toEqual([
      'DevInfo d1',
      '  FwV',
      '  Mod',
      'FUMO fw',
      '  DownloadAndUpdate',
      '    PkgURL',
    ]);
    expect(rows[4]).toMatchObject({
      node: undefined,
      hasChildren: true,
      meta: expect.objectContaining({ Format: 'node' }),
    });
    expect(rows[1]?.meta?.Description).toBe('Firmware version');
  });
  it('hides the subtree of a collapsed node', () => {
    const rows = explorerRows(instances(), new Set([nodeKey(DEVINFO, 'd1', '')]), '');
    expect(view(rows)).toEqual(['DevInfo d1', 'FUMO fw', '  DownloadAndUpdate', '    PkgURL']);
    expect(rows[0]?.isExpanded).toBe(false);
  });
  it('filters by name, path or value and keeps the ancestors of matches, expanded', () => {
    const collapsed = new Set([nodeKey(FUMO, 'fw', '')]);
    expect(view(explorerRows(instances(), collapsed, 'pkgurl'))).toEqual([
      'FUMO fw',
      '  DownloadAndUpdate',
      '    PkgURL',
    ]);
    expect(view(explorerRows(instances(), new Set(), 'sim-1'))).toEqual(['DevInfo d1', '  Mod']);
    expect(explorerRows(instances(), new Set(), 'nothing-like-this')).toEqual([]);
  });
});
