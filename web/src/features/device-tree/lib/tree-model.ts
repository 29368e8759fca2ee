import type { DeviceTree, TreeInstance, TreeNode } from '@dmc/shared/api';
import type { TreeChangedEvent } from '@dmc/shared/events';

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

/**
 * Applies a 'tree:changed' event to the cached tree. `isComplete` is false when the event names a
 * node or instance the cache does not hold: only a refetch brings its format and meta-data.
 */
export function applyTreeChange(
  tree: DeviceTree,
  event: TreeChangedEvent,
): { tree: DeviceTree; isComplete: boolean } {
  let isComplete = true;
  const instances = tree.instances.map((instance) => {
    if (instance.moid !== event.moid || instance.miid !== event.miid) return instance;
    const byPath = new Map(instance.nodes.map((n) => [n.path, n]));
    for (const change of event.changes) {
      const node = byPath.get(change.path);
      if (change.deleted) {
        byPath.delete(change.path);
        for (const path of byPath.keys()) if (path.startsWith(`${change.path}/`)) byPath.delete(path);
      } else if (node) byPath.set(change.path, { ...node, value: change.newValue, reportedAt: event.at });
      else isComplete = false;
    }
    return { ...instance, nodes: [...byPath.values()] };
  });
  const hasInstance = tree.instances.some((i) => i.moid === event.moid && i.miid === event.miid);
  return { tree: { ...tree, instances }, isComplete: isComplete && hasInstance };
}
