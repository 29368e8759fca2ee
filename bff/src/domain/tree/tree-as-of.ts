// The stored tree as of a past time (protocol §13): the current tree with every later change undone.
// Exact for any time at or after the device's history horizon; earlier times get the tree as of the
// horizon, marked incomplete. Reads go in pages of HISTORY_PAGE, with a turn of the event loop
// between them, so a device with 100,000 changes never holds the loop (ARCHITECTURE.md, invariant 16).
import type { Store, TreeHistoryRow, TreeNodeRow } from '../../persistence/ports';
import { nextTurn } from './next-turn';

/** History rows read per statement. */
export const HISTORY_PAGE = 1_000;

/** A node's state at a time: present with a value and format, or absent. */
export type NodeState = { value: string | null; format: string } | null;

export function nodeKey(moid: string, miid: string, path: string): string {
  return `${moid}\u0000${miid}\u0000${path}`;
}

export function keyOf(row: { moid: string; miid: string; path: string }): string {
  return nodeKey(row.moid, row.miid, row.path);
}

/** The state a change found (null: the node did not exist). */
export function stateBefore(row: TreeHistoryRow): NodeState {
  return row.op === 'add' ? null : { value: row.oldValue, format: row.oldFormat ?? 'node' };
}

/** The state a change left (null: the node was deleted). */
export function stateAfter(row: TreeHistoryRow): NodeState {
  return row.op === 'delete' ? null : { value: row.value, format: row.format ?? 'node' };
}

export function sameState(a: NodeState, b: NodeState): boolean {
  if (a === null || b === null) return a === b;
  return a.value === b.value && a.format === b.format;
}

/** Calls `visit` with every change after `after` (and up to `until`), oldest first, page by page. */
export async function forEachChange(
  store: Store,
  devId: string,
  range: { after: Date; until?: Date },
  visit: (row: TreeHistoryRow) => void,
): Promise<void> {
  let cursor: { at: Date; id: number } | undefined;
  for (;;) {
    const page = await store.treeHistory.listBetween(devId, range, cursor, HISTORY_PAGE);
    for (const row of page) visit(row);
    const last = page.at(-1);
    if (page.length < HISTORY_PAGE || !last) return;
    cursor = { at: last.at, id: last.id };
    await nextTurn();
  }
}

/** The time the history answers for: `at`, or the horizon when `at` is before it. */
export async function effectiveTime(
  store: Store,
  devId: string,
  at: Date,
): Promise<{ at: Date; horizon: Date | null; complete: boolean }> {
  const horizon = await store.treeHistory.horizon(devId);
  if (horizon && at.getTime() < horizon.getTime()) return { at: horizon, horizon, complete: false };
  return { at, horizon, complete: true };
}

/** Nodes read per statement: a big tree is read page by page, with a turn between pages. */
const NODE_PAGE = 2_000;

/** The device's current nodes in (moid, miid, path) order, page by page. */
export async function* currentNodes(store: Store, devId: string): AsyncGenerator<TreeNodeRow> {
  let after: TreeNodeRow | undefined;
  for (;;) {
    const page = await store.tree.listNodesAfter(devId, after, NODE_PAGE);
    yield* page;
    after = page.at(-1);
    if (page.length < NODE_PAGE || !after) return;
    await nextTurn();
  }
}

/** The device's node rows as of `at` (already checked against the horizon), in the stored order. */
export async function nodesAsOf(store: Store, devId: string, at: Date): Promise<TreeNodeRow[]> {
  // The state each node had at `at` is the state its first later change found.
  const earlier = new Map<string, { row: TreeHistoryRow; state: NodeState }>();
  await forEachChange(store, devId, { after: at }, (row) => {
    const key = keyOf(row);
    if (!earlier.has(key)) earlier.set(key, { row, state: stateBefore(row) });
  });
  const nodes: TreeNodeRow[] = [];
  for await (const node of currentNodes(store, devId)) {
    const key = keyOf(node);
    const undone = earlier.get(key);
    if (!undone) {
      // Unchanged since: re-reports after `at` only moved its report time.
      nodes.push(node.reportedAt.getTime() > at.getTime() ? { ...node, reportedAt: at } : node);
      continue;
    }
    earlier.delete(key);
    if (undone.state) nodes.push({ ...node, ...undone.state, reportedAt: at });
  }
  // Nodes deleted since `at`.
  for (const { row, state } of earlier.values()) {
    if (state) nodes.push({ moid: row.moid, miid: row.miid, path: row.path, ...state, reportedAt: at });
  }
  return nodes;
}
