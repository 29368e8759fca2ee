import type { DeviceTree } from '@dmc/shared/api';
import { findMetadata, type AccessType, type NodeMeta } from '@dmc/shared/metadata';
import { concreteClientUri } from '@dmc/shared/protocol';
import type { ComposerKind } from './composer-draft';

/** The access type a command needs on its ClientURI (protocol §4); undefined = any node. */
const NEEDED_ACCESS: Partial<Record<ComposerKind, readonly AccessType[]>> = {
  GET: ['Get'],
  DELETE: ['Delete'],
  EXEC: ['Exec'],
  HGET: ['Replace', 'Add'],
};

const PLACEHOLDER = /<[^<>/]+>/;

function allows(meta: NodeMeta | null | undefined, kind: ComposerKind): boolean {
  const needed = NEEDED_ACCESS[kind];
  if (!needed || !meta) return true;
  return needed.some((a) => meta.AccessType.includes(a));
}

/**
 * ClientURI suggestions for a command: every node the device reported, plus the nodes its meta-data
 * defines for the instances it reported (so a node not read yet can still be named), filtered by
 * the access type the command needs.
 */
export function clientUriOptions(tree: DeviceTree | undefined, kind: ComposerKind): string[] {
  if (!tree) return [];
  const options = new Set<string>();
  for (const instance of tree.instances) {
    for (const node of instance.nodes) {
      if (allows(node.meta, kind)) options.add(concreteClientUri(instance.moid, instance.miid, node.path));
    }
    const doc = findMetadata(instance.moid);
    for (const [path, meta] of Object.entries(doc?.Nodes ?? {})) {
      if (PLACEHOLDER.test(path) || !allows(meta, kind)) continue;
      options.add(concreteClientUri(instance.moid, instance.miid, path));
    }
  }
  return [...options].sort();
}

/** MOIDs for DEFAULT: the ones the device reported. */
export function reportedMoids(tree: DeviceTree | undefined): string[] {
  return [...new Set((tree?.instances ?? []).map((i) => i.moid))].sort();
}
