// Applies MO data a device reported (GET results, DR uploads) to its stored tree (protocol §5).
import { findMetadata, lookupNodeMeta, type MoMetadata } from '@dmc/shared/metadata';
import { flattenMoData, parseClientUri, pathToString, type MoSerialization } from '@dmc/shared/protocol';
import type { MoInstanceRow, NodeChange, Repositories, TreeNodeRow } from '../../persistence/ports';

export interface TreeWriteResult {
  changes: NodeChange[];
  /** Items that could not be stored, with the reason (kept for the command's result). */
  rejected: { clientUri: string; reason: string }[];
  /** Every node row stored, in write order. */
  written: TreeNodeRow[];
}

/** The concrete instance a ClientURI names: its MIID, or the only instance the device reported. */
export function resolveInstance(
  instances: readonly MoInstanceRow[],
  moid: string,
  instance: { kind: string; miid?: string },
): string | undefined {
  if (instance.kind === 'miid') return instance.miid;
  if (instance.kind !== 'only') return undefined;
  const matches = instances.filter((i) => i.moid === moid);
  return matches.length === 1 ? matches[0]?.miid : undefined;
}

/** The node name of an MO's root: from meta-data (imported documents first), else the last word of the MOID. */
export function rootNameOf(moid: string, extraMetadata: readonly MoMetadata[] = []): string {
  const doc = findMetadata(moid, extraMetadata);
  if (doc) return doc.Root;
  const parts = moid.split(':');
  return parts.at(-2) ?? moid;
}

export async function writeMoData(
  repos: Repositories,
  devId: string,
  data: MoSerialization,
  reportedAt: Date,
  extraMetadata: readonly MoMetadata[] = [],
): Promise<TreeWriteResult> {
  const result: TreeWriteResult = { changes: [], rejected: [], written: [] };
  let instances = await repos.tree.listInstances(devId);
  for (const item of data) {
    const parsed = parseClientUri(item.ClientURI);
    if (!parsed.ok) {
      result.rejected.push({ clientUri: item.ClientURI, reason: parsed.error.message });
      continue;
    }
    const uri = parsed.value;
    const miid = resolveInstance(instances, uri.moid, uri.instance);
    if (miid === undefined || uri.path.some((s) => s.kind !== 'name')) {
      result.rejected.push({
        clientUri: item.ClientURI,
        reason: 'the ClientURI does not name one concrete node',
      });
      continue;
    }
    const addressed = pathToString(uri.path);
    const flat = flattenMoData(item.MOData, addressed, rootNameOf(uri.moid, extraMetadata));
    if (!flat.ok) {
      result.rejected.push({ clientUri: item.ClientURI, reason: flat.error });
      continue;
    }
    if (!instances.some((i) => i.moid === uri.moid && i.miid === miid)) {
      const added = { moid: uri.moid, miid, ddf: item.DDF ?? null };
      await repos.tree.addInstance(devId, added);
      instances = [...instances, added];
    }
    const doc = findMetadata(uri.moid, extraMetadata);
    const rows: TreeNodeRow[] = flat.nodes.map((node) => ({
      moid: uri.moid,
      miid,
      path: node.path,
      value: node.isLeaf ? node.value : null,
      format: (doc && lookupNodeMeta(doc, node.path)?.Format) ?? (node.isLeaf ? 'chr' : 'node'),
      reportedAt,
    }));
    result.changes.push(...(await repos.tree.upsertNodes(devId, rows)));
    result.written.push(...rows);
  }
  return result;
}
