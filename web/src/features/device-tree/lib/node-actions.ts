import type { MoMetadata, NodeMeta } from '@dmc/shared/metadata';
import { lookupNodeMeta } from '@dmc/shared/metadata';

const PLACEHOLDER = /^<[^<>/]+>$/;

/** An `<x>` child the meta-data lets a node hold: the template of a new instance. */
export type InstanceTemplate = { key: string; meta: NodeMeta; leaves: { name: string; meta: NodeMeta }[] };

/** What the meta-data allows on a node: only these actions are offered (ux: "only the actions its meta-data allows"). */
export type NodeActions = {
  refresh: boolean;
  edit: boolean;
  addInstance: InstanceTemplate | undefined;
  remove: boolean;
  exec: boolean;
};

/** The `<x>` child template of the node at `path`, when creating one is allowed (Add). */
export function instanceTemplate(doc: MoMetadata | undefined, path: string): InstanceTemplate | undefined {
  if (!doc) return undefined;
  const parentMeta = lookupNodeMeta(doc, path);
  if (!parentMeta || parentMeta.Format !== 'node') return undefined;
  for (const [key, meta] of Object.entries(doc.Nodes)) {
    const segments = key.split('/');
    const last = segments.at(-1) ?? '';
    if (!PLACEHOLDER.test(last) || !meta.AccessType.includes('Add')) continue;
    const parentKey = segments.slice(0, -1).join('/');
    if (doc.Nodes[parentKey] !== parentMeta) continue;
    const leaves = Object.entries(doc.Nodes)
      .filter(
        ([k, m]) => k.startsWith(`${key}/`) && !k.slice(key.length + 1).includes('/') && m.Format !== 'node',
      )
      .filter(([, m]) => m.AccessType.includes('Replace') || m.AccessType.includes('Add'))
      .map(([k, m]) => ({ name: k.slice(key.length + 1), meta: m }));
    return { key, meta, leaves };
  }
  return undefined;
}

export function nodeActions(doc: MoMetadata | undefined, path: string, meta: NodeMeta | null): NodeActions {
  const access = meta?.AccessType ?? [];
  const isLeaf = meta !== null && meta.Format !== 'node';
  return {
    // Without meta-data nothing forbids a read; the dry run and the device have the last word.
    refresh: meta === null || access.includes('Get'),
    edit: isLeaf && access.includes('Replace'),
    addInstance: instanceTemplate(doc, path),
    remove: access.includes('Delete') && meta?.Scope !== 'Permanent',
    exec: access.includes('Exec'),
  };
}
