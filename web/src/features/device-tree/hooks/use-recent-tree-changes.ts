import { useEffect, useRef, useState } from 'react';
import type { TreeChangedEvent } from '@dmc/shared/events';
import { useSocketEvent } from '../../../hooks/use-socket-event';
import { nodeKey } from '../lib/tree-model';

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
 * The nodes of `devId` that 'tree:changed' named in the last HIGHLIGHT_MS, keyed by nodeKey(), for
 * the explorer's highlight. UI state only: the cached tree itself is patched by `useLiveUpdates`.
 */
export function useRecentTreeChanges(devId: string): ReadonlyMap<string, NodeChange> {
  const [changes, setChanges] = useState<ReadonlyMap<string, NodeChange>>(new Map());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  useSocketEvent('tree:changed', (event) => {
    if (event.devId !== devId) return;
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
