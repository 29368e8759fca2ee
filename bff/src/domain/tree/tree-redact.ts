// Node values may hold server-made URLs (a DR object or inbox a device stored); read-only users see
// them without their capability tokens (protocol §8, §13), in the tree, as of a time, in diffs and in
// a node's history alike.
import type { DeviceTree, NodeHistory, TreeDiff } from '@dmc/shared/api';
import { redactCapabilityUrls } from '../capabilities/capability-urls';

const redact = (value: string | null): string | null => (value === null ? null : redactCapabilityUrls(value));

export function redactTree(tree: DeviceTree): DeviceTree {
  return {
    ...tree,
    instances: tree.instances.map((i) => ({
      ...i,
      nodes: i.nodes.map((n) => ({ ...n, value: redact(n.value) })),
    })),
  };
}

export function redactDiff(diff: TreeDiff): TreeDiff {
  return {
    ...diff,
    changes: diff.changes.map((c) => ({ ...c, before: redact(c.before), after: redact(c.after) })),
  };
}

export function redactNodeHistory(history: NodeHistory): NodeHistory {
  return {
    ...history,
    entries: history.entries.map((e) => ({ ...e, value: redact(e.value), oldValue: redact(e.oldValue) })),
  };
}
