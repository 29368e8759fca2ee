import type { TreeInstance, TreeNode } from '@dmc/shared/api';
import { findMetadata, lookupNodeMeta, type NodeMeta } from '@dmc/shared/metadata';
import { nodeKey, shortMoName, sortInstances } from './tree-model';

/** One visible line of the explorer: an instance root (depth 0) or a node below it. */
export type ExplorerRow = {
  key: string;
  moid: string;
  miid: string;
  path: string;
  name: string;
  depth: number;
  /** The stored node; undefined for an interior node only known from its children or an unread root. */
  node: TreeNode | undefined;
  meta: NodeMeta | null;
  hasChildren: boolean;
  isExpanded: boolean;
  parentKey: string | undefined;
};

type Outline = { instance: TreeInstance; byPath: Map<string, TreeNode>; children: Map<string, string[]> };

/** Names in natural order (C2 before C10); one collator, as creating one per comparison is slow. */
const NATURAL_ORDER = new Intl.Collator(undefined, { numeric: true });

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Parent → child paths of one instance, with interior nodes the store lacks filled in. */
function outline(instance: TreeInstance): Outline {
  const byPath = new Map(instance.nodes.map((n) => [n.path, n]));
  const children = new Map<string, string[]>();
  const seen = new Set<string>(['']);
  const add = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const parent = parentOf(path);
    add(parent);
    // In place: a SCOMO inventory can hold thousands of siblings under one parent.
    const siblings = children.get(parent);
    if (siblings === undefined) children.set(parent, [path]);
    else siblings.push(path);
  };
  for (const n of instance.nodes) add(n.path);
  for (const list of children.values()) list.sort(NATURAL_ORDER.compare);
  return { instance, byPath, children };
}

/** The label of an instance root: "DevInfo d1", or the MO's short name when there is no meta-data. */
export function instanceLabel(instance: { moid: string; miid: string }): string {
  const root = findMetadata(instance.moid)?.Root ?? shortMoName(instance.moid);
  return instance.miid === '' ? root : `${root} ${instance.miid}`;
}

function matches(o: Outline, path: string, needle: string): boolean {
  const node = o.byPath.get(path);
  const name = path.split('/').at(-1) ?? '';
  return (
    name.toLowerCase().includes(needle) ||
    path.toLowerCase().includes(needle) ||
    (node?.value ?? '').toLowerCase().includes(needle)
  );
}

/** Paths that match the filter, and their ancestors (so a match is shown in place). */
function visibleUnderFilter(o: Outline, needle: string): Set<string> | undefined {
  if (needle === '') return undefined;
  const keep = new Set<string>();
  const visit = (path: string): void => {
    if (path !== '' && matches(o, path, needle)) {
      for (let p = path; ; p = parentOf(p)) {
        keep.add(p);
        if (p === '') break;
      }
    }
    for (const child of o.children.get(path) ?? []) visit(child);
  };
  visit('');
  const rootMatches =
    instanceLabel(o.instance).toLowerCase().includes(needle) || o.instance.moid.includes(needle);
  if (rootMatches) keep.add('');
  return keep;
}

/**
 * The explorer's visible rows: instances in MOID order, each followed by its nodes depth-first. Collapsed
 * keys hide their subtrees; a non-empty filter shows matching nodes with their ancestors, all expanded.
 */
export function explorerRows(
  instances: readonly TreeInstance[],
  collapsed: ReadonlySet<string>,
  filter: string,
): ExplorerRow[] {
  const needle = filter.trim().toLowerCase();
  const rows: ExplorerRow[] = [];
  for (const instance of sortInstances(instances)) {
    const o = outline(instance);
    const keep = visibleUnderFilter(o, needle);
    if (keep && keep.size === 0) continue;
    const doc = findMetadata(instance.moid);
    const walk = (path: string, depth: number, parentKey: string | undefined): void => {
      const key = nodeKey(instance.moid, instance.miid, path);
      const kids = (o.children.get(path) ?? []).filter((c) => !keep || keep.has(c));
      const node = o.byPath.get(path);
      const isExpanded = keep !== undefined || !collapsed.has(key);
      rows.push({
        key,
        moid: instance.moid,
        miid: instance.miid,
        path,
        name: path === '' ? instanceLabel(instance) : (path.split('/').at(-1) ?? path),
        depth,
        node,
        meta: node?.meta ?? (doc && lookupNodeMeta(doc, path)) ?? null,
        hasChildren: kids.length > 0,
        isExpanded,
        parentKey,
      });
      if (isExpanded) for (const child of kids) walk(child, depth + 1, key);
    };
    walk('', 0, undefined);
  }
  return rows;
}
