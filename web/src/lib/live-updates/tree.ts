import type { QueryClient } from '@tanstack/react-query';
import type { DeviceTree } from '@dmc/shared/api';
import type { TreeChangedEvent } from '@dmc/shared/events';
import { treeKeys } from '../queries/device-tree';
import { invalidateAfterEvent } from './invalidate-after-event';

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

/**
 * Patches the device's cached tree in place. Only a change naming a node or instance the cache
 * lacks refetches the tree (its format and meta-data come from the server); cached dry runs are
 * checked again either way, since they judge a change against the tree.
 */
export function applyTreeChanged(queryClient: QueryClient, event: TreeChangedEvent): void {
  let mustRefetch = false;
  queryClient.setQueryData<DeviceTree>(treeKeys.device(event.devId), (old) => {
    if (!old) return old;
    const { tree, isComplete } = applyTreeChange(old, event);
    mustRefetch = !isComplete;
    return tree;
  });
  invalidateAfterEvent(queryClient, {
    queryKey: mustRefetch ? treeKeys.device(event.devId) : treeKeys.dryRuns(event.devId),
  });
}
