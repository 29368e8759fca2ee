// A command's result (MO data, a status's Data, a failure's detail) as a tree of named nodes, for the
// expandable result view. Bounded: at most MAX_CHILDREN children per node and MAX_DEPTH levels.

export const MAX_CHILDREN = 200;
export const MAX_DEPTH = 12;

export type ResultNode =
  | { kind: 'leaf'; name: string; value: string }
  | { kind: 'branch'; name: string; children: ResultNode[]; hidden: number; count: number };

function leafText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? typeof value;
}

/** The value as a node named `name`; objects and arrays become branches (arrays named [0], [1] …). */
export function toResultNode(name: string, value: unknown, depth = 0): ResultNode {
  if (typeof value !== 'object' || value === null) return { kind: 'leaf', name, value: leafText(value) };
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i): [string, unknown] => [`[${i}]`, v])
    : Object.entries(value as Record<string, unknown>);
  if (depth >= MAX_DEPTH) return { kind: 'leaf', name, value: leafText(value) };
  const shown = entries.slice(0, MAX_CHILDREN);
  return {
    kind: 'branch',
    name,
    children: shown.map(([k, v]) => toResultNode(k, v, depth + 1)),
    hidden: entries.length - shown.length,
    count: entries.length,
  };
}

/** One line about the result: what a collapsed view shows. */
export function resultSummary(value: unknown): string {
  if (typeof value !== 'object' || value === null) return leafText(value);
  const node = toResultNode('', value);
  if (node.kind === 'leaf') return node.value;
  const names = node.children.map((c) => c.name);
  const listed = names.slice(0, 4).join(', ');
  return names.length > 4 ? `${listed} … (${node.count})` : listed;
}
