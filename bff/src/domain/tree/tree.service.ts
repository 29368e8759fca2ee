import type { DeviceTree, TreeInstance } from '@dmc/shared/api';
import { findMetadata, lookupNodeMeta, type MoMetadata } from '@dmc/shared/metadata';
import type { Store } from '../../persistence/ports';
import { NotFoundError } from '../errors';

/** The last-known tree of a device, each node with its meta-data, imported documents first (protocol §5, §8). */
/** localeCompare's order, with one collator instead of one per comparison (20,000 nodes sort here). */
const PATH_ORDER = new Intl.Collator();

export async function getDeviceTree(
  store: Store,
  devId: string,
  extraMetadata: readonly MoMetadata[] = [],
): Promise<DeviceTree> {
  if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
  const [instances, nodes] = await Promise.all([
    store.tree.listInstances(devId),
    store.tree.listNodes(devId),
  ]);
  const byInstance = new Map<string, TreeInstance>();
  // One catalog lookup per MO, not per node (a tree may hold tens of thousands of nodes).
  const docs = new Map<string, MoMetadata | undefined>();
  const docOf = (moid: string) => {
    if (!docs.has(moid)) docs.set(moid, findMetadata(moid, extraMetadata));
    return docs.get(moid);
  };
  for (const instance of instances) {
    byInstance.set(`${instance.moid}\n${instance.miid}`, { ...instance, nodes: [] });
  }
  for (const node of nodes) {
    const key = `${node.moid}\n${node.miid}`;
    let instance = byInstance.get(key);
    if (!instance) {
      instance = { moid: node.moid, miid: node.miid, ddf: null, nodes: [] };
      byInstance.set(key, instance);
    }
    const doc = docOf(node.moid);
    instance.nodes.push({
      path: node.path,
      value: node.value,
      format: node.format,
      reportedAt: node.reportedAt.toISOString(),
      meta: (doc && lookupNodeMeta(doc, node.path)) ?? null,
    });
  }
  for (const instance of byInstance.values())
    instance.nodes.sort((a, b) => PATH_ORDER.compare(a.path, b.path));
  return { devId, instances: [...byInstance.values()] };
}
