// Resolves a ClientURI with `*` or x-names against the server's stored copy of a device's tree, the way
// the device resolves it against its own (protocol §5.1), so that what a DELETE or HGET did on the
// device also happens to the stored tree.
import type { ClientUri, NvCondition } from '@dmc/shared/protocol';
import { splitNodePath } from '@dmc/shared/protocol';
import type { MoInstanceRow, TreeNodeRow } from '../../persistence/ports';

/** One concrete stored node: its instance and its path below the MO root ('' = the root). */
export interface StoredLocation {
  miid: string;
  path: string;
}

const join = (path: string, name: string) => (path === '' ? name : `${path}/${name}`);
const key = (miid: string, path: string) => `${miid}\n${path}`;

/**
 * Every stored node `uri` addresses (names need not be stored yet: a write may create them).
 * `nodes` must hold the stored nodes of `uri.moid`; they are only read for `*` and x-names.
 */
export function resolveStored(
  uri: ClientUri,
  instances: readonly MoInstanceRow[],
  nodes: readonly TreeNodeRow[],
): StoredLocation[] {
  const values = new Map<string, string | null>();
  const children = new Map<string, Set<string>>();
  for (const node of nodes) {
    if (node.moid !== uri.moid) continue;
    values.set(key(node.miid, node.path), node.value);
    // Every prefix of a stored path is a node too, even if only the leaf was reported.
    let parent = '';
    for (const name of splitNodePath(node.path)) {
      const set = children.get(key(node.miid, parent)) ?? new Set<string>();
      set.add(name);
      children.set(key(node.miid, parent), set);
      parent = join(parent, name);
    }
  }
  const matches = (miid: string, path: string, conditions: readonly NvCondition[]) =>
    conditions.every((c) => values.get(key(miid, c.path.reduce(join, path))) === c.value);
  const conditionsFor = (xname: string) => uri.nv.filter((c) => c.xname === xname);

  const miids = [...new Set(instances.filter((i) => i.moid === uri.moid).map((i) => i.miid))];
  const ref = uri.instance;
  let current: StoredLocation[] = (
    ref.kind === 'miid'
      ? [ref.miid]
      : ref.kind === 'only'
        ? miids.length === 1
          ? miids
          : []
        : ref.kind === 'all'
          ? miids
          : miids.filter((miid) => matches(miid, '', conditionsFor(ref.name)))
  ).map((miid) => ({ miid, path: '' }));

  for (const segment of uri.path) {
    current = current.flatMap(({ miid, path }) => {
      if (segment.kind === 'name') return [{ miid, path: join(path, segment.name) }];
      const names = [...(children.get(key(miid, path)) ?? [])];
      const conditions = segment.kind === 'xname' ? conditionsFor(segment.name) : [];
      return names
        .map((name) => ({ miid, path: join(path, name) }))
        .filter((l) => segment.kind === 'all' || matches(l.miid, l.path, conditions));
    });
  }
  return current;
}
