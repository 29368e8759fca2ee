import { useEffect, useRef, useState } from 'react';
import { useSocketEvent } from '../../../hooks/use-socket-event';
import { changeEntries, withoutExpired, type RecentChanges } from '../lib/recent-changes';

/** How long a changed node stays highlighted with its old → new values. */
export const HIGHLIGHT_MS = 8_000;

/**
 * The nodes of `devId` that 'tree:changed' named in the last HIGHLIGHT_MS, keyed by nodeKey(), for
 * the explorer's highlight; a node changed again stays highlighted from its latest change. UI state
 * only: the cached tree itself is patched by `useLiveUpdates`.
 */
export function useRecentTreeChanges(devId: string): RecentChanges {
  const [changes, setChanges] = useState<RecentChanges>(new Map());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  useSocketEvent('tree:changed', (event) => {
    if (event.devId !== devId) return;
    const added = changeEntries(event);
    setChanges((prev) => new Map([...prev, ...added]));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setChanges((prev) => withoutExpired(prev, added));
    }, HIGHLIGHT_MS);
    timers.current.add(timer);
  });

  return changes;
}
