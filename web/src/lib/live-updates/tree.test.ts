import { describe, expect, it } from 'vitest';
import type { DeviceTree, TreeNode } from '@dmc/shared/api';
import type { TreeChangedEvent } from '@dmc/shared/events';
import { applyTreeChange } from './tree';

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
const change = (changes: TreeChangedEvent['changes'], miid = '1'): TreeChangedEvent => ({
  devId: 'd1',
  moid: MOID,
  miid,
  changes,
  source: { kind: 'report', id: null },
  at: '2030-01-01T00:05:00.000Z',
});

describe('applyTreeChange', () => {
  it('replaces the value and report time of a known node', () => {
    const { tree: next, isComplete } = applyTreeChange(
      tree(),
      change([{ path: 'Mod', oldValue: 'X1', newValue: 'X2', deleted: false }]),
    );
    expect(isComplete).toBe(true);
    const mod = next.instances[0]!.nodes.find((n) => n.path === 'Mod');
    expect(mod).toMatchObject({ value: 'X2', reportedAt: '2030-01-01T00:05:00.000Z' });
  });
  it('removes a deleted interior node together with its children', () => {
    const { tree: next } = applyTreeChange(
      tree(),
      change([{ path: 'Ext', oldValue: null, newValue: null, deleted: true }]),
    );
    expect(next.instances[0]!.nodes.map((n) => n.path).sort()).toEqual(['', 'Mod']);
  });
  it('asks for a refetch when a node or instance is unknown', () => {
    const added = change([{ path: 'New', oldValue: null, newValue: 'v', deleted: false }]);
    expect(applyTreeChange(tree(), added).isComplete).toBe(false);
    const other = change([{ path: 'Mod', oldValue: null, newValue: 'v', deleted: false }], '2');
    expect(applyTreeChange(tree(), other).isComplete).toBe(false);
  });
});
