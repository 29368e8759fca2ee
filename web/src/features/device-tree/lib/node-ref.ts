import type { TreeInstance } from '@dmc/shared/api';
import { concreteClientUri, parseClientUri, pathToString } from '@dmc/shared/protocol';
import { nodeKey } from './tree-model';

/** One node of one MO instance, as the explorer selects it. */
export type NodeRef = { moid: string; miid: string; path: string };

export function refKey(ref: NodeRef): string {
  return nodeKey(ref.moid, ref.miid, ref.path);
}

/** The node's ClientURI, which is also how `?node=` names it (alerts link there with their SourceURI). */
export function refUri(ref: NodeRef): string {
  return concreteClientUri(ref.moid, ref.miid, ref.path);
}

/**
 * The node a `?node=` value names: a concrete ClientURI (`MOID/MIID/path`; `MOID//path` for the only
 * instance). Undefined when it is malformed or names an instance the tree does not hold.
 */
export function refFromUri(value: string, instances: readonly TreeInstance[]): NodeRef | undefined {
  const parsed = parseClientUri(value);
  if (!parsed.ok) return undefined;
  const { moid, instance, path } = parsed.value;
  if (path.some((s) => s.kind !== 'name')) return undefined;
  const same = instances.filter((i) => i.moid.toLowerCase() === moid.toLowerCase());
  const found =
    instance.kind === 'miid'
      ? same.find((i) => i.miid === instance.miid)
      : instance.kind === 'only' && same.length === 1
        ? same[0]
        : undefined;
  return found && { moid: found.moid, miid: found.miid, path: pathToString(path) };
}
