import type { TreeInstance, TreeNode } from '@dmc/shared/api';

export type TreeRow = { node: TreeNode; name: string; depth: number };

/** Nodes in path order with their depth below the MO root, ready for an indented list. */
export function toTreeRows(instance: TreeInstance): TreeRow[] {
  return instance.nodes
    .slice()
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((node) => {
      const segments = node.path === '' ? [] : node.path.split('/');
      return { node, name: segments.at(-1) ?? shortMoName(instance.moid), depth: segments.length };
    });
}

/** "urn:oma:mo:oma-dm-devinfo:1.0" → "oma-dm-devinfo". */
export function shortMoName(moid: string): string {
  const parts = moid.split(':');
  return parts.length >= 2 ? (parts[parts.length - 2] ?? moid) : moid;
}

/** Instances ordered by MOID then MIID, so the same MO's instances sit together. */
export function sortInstances(instances: readonly TreeInstance[]): TreeInstance[] {
  return instances
    .slice()
    .sort(
      (a, b) => a.moid.localeCompare(b.moid) || a.miid.localeCompare(b.miid, undefined, { numeric: true }),
    );
}

export function nodeKey(moid: string, miid: string, path: string): string {
  return `${moid}\u0000${miid}\u0000${path}`;
}
