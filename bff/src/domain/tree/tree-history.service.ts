// Tree history for the console (protocol §13): the tree as of a time, diffs of two times or of two
// devices, one node's values over time, the times the tree changed, and the retention that keeps
// the history bounded.
import type {
  DeviceTree,
  NodeHistory,
  TreeChange,
  TreeChangePoints,
  TreeDiff,
  TreeDiffQuery,
} from '@dmc/shared/api';
import type { MoMetadata } from '@dmc/shared/metadata';
import { concreteClientUri, parseClientUri } from '@dmc/shared/protocol';
import type { Store, TreeHistoryRow, TreeNodeRow } from '../../persistence/ports';
import { InputError } from '../errors';
import { nextTurn } from './next-turn';
import {
  currentNodes,
  effectiveTime,
  forEachChange,
  keyOf,
  nodesAsOf,
  sameState,
  stateAfter,
  stateBefore,
  type NodeState,
} from './tree-as-of';
import { assembleTree, requireDevice } from './tree.service';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The tree as of `at`, in the shape of the current tree plus `asOf`, `horizon` and `complete`. */
export async function treeAsOf(
  store: Store,
  devId: string,
  at: Date,
  extraMetadata: readonly MoMetadata[],
): Promise<DeviceTree> {
  await requireDevice(store, devId);
  const when = await effectiveTime(store, devId, at);
  const [instances, nodes] = await Promise.all([
    store.tree.listInstances(devId),
    nodesAsOf(store, devId, when.at),
  ]);
  const tree = await assembleTree(devId, instances, nodes, extraMetadata);
  return { ...tree, asOf: when.at.toISOString(), horizon: iso(when.horizon), complete: when.complete };
}

interface PendingChange {
  moid: string;
  miid: string;
  path: string;
  before: NodeState;
  after: NodeState;
  last?: TreeHistoryRow;
}

function toChange(c: PendingChange): TreeChange {
  const kind = c.before === null ? 'added' : c.after === null ? 'removed' : 'changed';
  return {
    path: concreteClientUri(c.moid, c.miid, c.path),
    kind,
    before: c.before?.value ?? null,
    after: c.after?.value ?? null,
    beforeFormat: c.before?.format ?? null,
    afterFormat: c.after?.format ?? null,
    ...(c.last
      ? { at: c.last.at.toISOString(), sessionId: c.last.sessionId, commandId: c.last.commandId }
      : {}),
  };
}

/** One page of changes sorted by ClientURI, after `cursor`. */
function pageOf(
  pending: Iterable<PendingChange>,
  cursor: string | undefined,
  limit: number,
): { changes: TreeChange[]; nextCursor: string | null } {
  const all = [...pending]
    .filter((c) => !sameState(c.before, c.after))
    .map(toChange)
    .filter((c) => cursor === undefined || c.path > cursor)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const changes = all.slice(0, limit);
  return { changes, nextCursor: all.length > limit ? (changes.at(-1)?.path ?? null) : null };
}

async function diffTimes(store: Store, devId: string, query: TreeDiffQuery, now: Date): Promise<TreeDiff> {
  const to = query.to ? new Date(query.to) : now;
  const when = await effectiveTime(store, devId, new Date(query.from ?? 0));
  const pending = new Map<string, PendingChange>();
  await forEachChange(store, devId, { after: when.at, until: to }, (row) => {
    const key = keyOf(row);
    const seen = pending.get(key);
    if (seen) {
      seen.after = stateAfter(row);
      seen.last = row;
    } else {
      const { moid, miid, path } = row;
      pending.set(key, { moid, miid, path, before: stateBefore(row), after: stateAfter(row), last: row });
    }
  });
  return {
    ...pageOf(pending.values(), query.cursor, query.limit),
    horizon: iso(when.horizon),
    complete: when.complete,
  };
}

async function nodesAt(store: Store, devId: string, at: Date | undefined) {
  if (!at) {
    const nodes: TreeNodeRow[] = [];
    for await (const node of currentNodes(store, devId)) nodes.push(node);
    return { nodes, complete: true, horizon: null };
  }
  const when = await effectiveTime(store, devId, at);
  return { nodes: await nodesAsOf(store, devId, when.at), ...when };
}

/** This device against `against`: `before` is the other device's node, `after` this one's. */
async function diffAgainst(store: Store, devId: string, query: TreeDiffQuery): Promise<TreeDiff> {
  const other = query.against ?? '';
  await requireDevice(store, other);
  const at = query.at ? new Date(query.at) : undefined;
  const [mine, theirs] = [await nodesAt(store, devId, at), await nodesAt(store, other, at)];
  const pending = new Map<string, PendingChange>();
  const state = (n: TreeNodeRow): NodeState => ({ value: n.value, format: n.format });
  for (const [i, node] of theirs.nodes.entries()) {
    if (i > 0 && i % 2_000 === 0) await nextTurn();
    const { moid, miid, path } = node;
    pending.set(keyOf(node), { moid, miid, path, before: state(node), after: null });
  }
  for (const [i, node] of mine.nodes.entries()) {
    if (i > 0 && i % 2_000 === 0) await nextTurn();
    const seen = pending.get(keyOf(node));
    if (seen) seen.after = state(node);
    else pending.set(keyOf(node), { ...node, before: null, after: state(node) });
  }
  return {
    ...pageOf(pending.values(), query.cursor, query.limit),
    horizon: iso(mine.horizon),
    complete: mine.complete && theirs.complete,
  };
}

export async function treeDiff(
  store: Store,
  devId: string,
  query: TreeDiffQuery,
  now: Date,
): Promise<TreeDiff> {
  await requireDevice(store, devId);
  return query.against !== undefined ? diffAgainst(store, devId, query) : diffTimes(store, devId, query, now);
}

/** The stored node a concrete ClientURI names (its instance resolved when the URI leaves it out). */
async function nodeOf(store: Store, devId: string, clientUri: string) {
  const parsed = parseClientUri(clientUri);
  const uri = parsed.ok ? parsed.value : undefined;
  if (!uri || uri.path.some((s) => s.kind !== 'name') || uri.instance.kind === 'all') {
    throw new InputError('`path` must be the ClientURI of one concrete node.', {
      path: parsed.ok ? 'not concrete' : parsed.error.message,
    });
  }
  let miid = uri.instance.kind === 'miid' ? uri.instance.miid : '';
  if (uri.instance.kind === 'only') {
    const instances = (await store.tree.listInstances(devId)).filter((i) => i.moid === uri.moid);
    if (instances.length === 1 && instances[0]) miid = instances[0].miid;
  }
  const path = uri.path.map((s) => (s.kind === 'name' ? s.name : '')).join('/');
  return { moid: uri.moid, miid, path };
}

export async function nodeHistory(
  store: Store,
  devId: string,
  query: { path: string; cursor?: string | undefined; limit: number },
): Promise<NodeHistory> {
  await requireDevice(store, devId);
  const node = await nodeOf(store, devId, query.path);
  const beforeId = query.cursor === undefined ? undefined : Number(query.cursor);
  if (beforeId !== undefined && !Number.isSafeInteger(beforeId)) throw new InputError('Bad `cursor`.');
  const rows = await store.treeHistory.listNode(devId, node, beforeId, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    path: concreteClientUri(node.moid, node.miid, node.path),
    entries: page.map((r) => ({
      at: r.at.toISOString(),
      op: r.op,
      value: r.value,
      format: r.format,
      oldValue: r.oldValue,
      oldFormat: r.oldFormat,
      source: r.source,
      sessionId: r.sessionId,
      commandId: r.commandId,
    })),
    nextCursor: rows.length > query.limit ? String(page.at(-1)?.id) : null,
    horizon: iso(await store.treeHistory.horizon(devId)),
  };
}

export async function changePoints(store: Store, devId: string, limit: number): Promise<TreeChangePoints> {
  await requireDevice(store, devId);
  const points = await store.treeHistory.listChangePoints(devId, limit);
  return {
    points: points.map((p) => ({ ...p, at: p.at.toISOString() })),
    horizon: iso(await store.treeHistory.horizon(devId)),
  };
}
