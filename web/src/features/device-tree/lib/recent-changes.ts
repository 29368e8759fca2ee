import type { TreeChangedEvent } from '@dmc/shared/events';
import { nodeKey } from './tree-model';

/** A node's latest live change, as the explorer highlights it. */
export type NodeChange = {
  oldValue: string | null;
  newValue: string | null;
  deleted: boolean;
  /** The command or report that changed the node. */
  source: TreeChangedEvent['source'];
  at: string;
};

export type RecentChanges = ReadonlyMap<string, NodeChange>;

/** The event's changes, keyed by nodeKey(); each entry expires on its own. */
export function changeEntries(event: TreeChangedEvent): [string, NodeChange][] {
  return event.changes.map((c) => [
    nodeKey(event.moid, event.miid, c.path),
    { oldValue: c.oldValue, newValue: c.newValue, deleted: c.deleted, source: event.source, at: event.at },
  ]);
}

/** Drops the entries an event added, except where a later change of the same node replaced them. */
export function withoutExpired(
  changes: RecentChanges,
  added: readonly [string, NodeChange][],
): RecentChanges {
  const next = new Map(changes);
  for (const [key, change] of added) if (next.get(key) === change) next.delete(key);
  return next;
}
