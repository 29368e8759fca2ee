import type { MoDataValue } from '@dmc/shared/protocol';

/** A node of one MO instance: interior nodes hold children by name, leaves a string value. */
export type TreeNode = LeafNode | InteriorNode;
export interface LeafNode {
  kind: 'leaf';
  value: string;
}
export interface InteriorNode {
  kind: 'node';
  children: Map<string, TreeNode>;
}

export function interior(): InteriorNode {
  return { kind: 'node', children: new Map() };
}

/** Builds a tree from nested plain data (objects are interior nodes, everything else a leaf). */
export function treeFrom(data: { [name: string]: MoDataValue }): InteriorNode {
  const node = interior();
  for (const [name, value] of Object.entries(data)) {
    node.children.set(name, toNode(value));
  }
  return node;
}

function toNode(value: MoDataValue): TreeNode {
  if (value !== null && typeof value === 'object') return treeFrom(value);
  return { kind: 'leaf', value: value === null ? '' : String(value) };
}

/** The node at `path` below `root`, or undefined. */
export function nodeAt(root: InteriorNode, path: readonly string[]): TreeNode | undefined {
  let node: TreeNode = root;
  for (const name of path) {
    if (node.kind !== 'node') return undefined;
    const child = node.children.get(name);
    if (child === undefined) return undefined;
    node = child;
  }
  return node;
}

export function splitPath(path: string): string[] {
  return path === '' ? [] : path.split('/');
}

export function joinPath(path: readonly string[]): string {
  return path.join('/');
}

/** True when `prefix` is `path` itself or one of its ancestors. */
export function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((name, i) => path[i] === name);
}
