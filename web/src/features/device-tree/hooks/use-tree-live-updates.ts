import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DeviceTree } from '@dmc/shared/api';
import type { TreeChangedEvent } from '@dmc/shared/events';
import { useSocketEvent } from '../../../hooks/use-socket-event';
import { treeKeys } from '../api/tree-keys';
import { applyTreeChange, nodeKey } from '../lib/tree-model';

/** How long a changed node stays highlighted with its old → new values. */
export const HIGHLIGHT_MS = 8_000;

export type NodeChange = {
  oldValue: string | null;
  newValue: string | null;
  deleted: boolean;
  /** The command or report that changed the node. */
  source: TreeChangedEvent['source'];
  at: string;
};

/**
 * Patches the cached tree on 'tree:changed' for `devId` (refetching when the event names nodes the
 * cache lacks) and returns the recently changed nodes, keyed by nodeKey().
 */
export function useTreeLiveUpdates(devId: string): ReadonlyMap<string, NodeChange> {
  const queryClient = useQueryClient();
  const [changes, setChanges] = useState<ReadonlyMap<string, NodeChange>>(new Map());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  useSocketEvent('tree:changed', (event) => {
    if (event.devId !== devId) return;
    let mustRefetch = false;
    queryClient.setQueryData<DeviceTree>(treeKeys.device(devId), (old) => {
      if (!old) return old;
      const { tree, isComplete } = applyTreeChange(old, event);
      mustRefetch = !isComplete;
      return tree;
    });
    // Staged changes are re-checked against the new tree; unknown nodes need the full tree.
    const base = treeKeys.device(devId);
    void queryClient.invalidateQueries({
      queryKey: base,
      predicate: (q) => mustRefetch || q.queryKey.length > base.length,
    });

    const keys = event.changes.map((c) => nodeKey(event.moid, event.miid, c.path));
    setChanges((prev) => {
      const next = new Map(prev);
      event.changes.forEach((c, i) =>
        next.set(keys[i] ?? '', {
          oldValue: c.oldValue,
          newValue: c.newValue,
          deleted: c.deleted,
          source: event.source,
          at: event.at,
        }),
      );
      return next;
    });
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setChanges((prev) => {
        const next = new Map(prev);
        keys.forEach((k) => next.delete(k));
        return next;
      });
    }, HIGHLIGHT_MS);
    timers.current.add(timer);
  });

  return changes;
}
