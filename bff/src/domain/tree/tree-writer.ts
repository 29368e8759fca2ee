// Applies MO data a device reported (GET results, DR uploads) to its stored tree (protocol §5).
import { findMetadata, lookupNodeMeta, type MoMetadata } from '@dmc/shared/metadata';
import { flattenMoData, parseClientUri, pathToString, type MoSerialization } from '@dmc/shared/protocol';
import {
  NodeLimitError,
  type MoInstanceRow,
  type NodeChange,
  type Repositories,
  type TreeNodeRow,
  type TreeWriteCause,
} from '../../persistence/ports';
import { nextTurn } from './next-turn';
import { DEFAULT_TREE_LIMITS, TreeLimitError, type TreeLimits } from './tree-limits';

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

/** Rows built between turns of the event loop (meta-data lookups of a big write add up). */
const ROW_CHUNK = 2_000;

interface PreparedItem {
  instance: MoInstanceRow | undefined;
  rows: TreeNodeRow[];
}

/** The rows of one item of MO data, or the reason it cannot be stored. */
async function prepareItem(
  item: MoSerialization[number],
  instances: readonly MoInstanceRow[],
  reportedAt: Date,
  extraMetadata: readonly MoMetadata[],
): Promise<PreparedItem | string> {
  const parsed = parseClientUri(item.ClientURI);
  if (!parsed.ok) return parsed.error.message;
  const uri = parsed.value;
  const miid = resolveInstance(instances, uri.moid, uri.instance);
  if (miid === undefined || uri.path.some((s) => s.kind !== 'name')) {
    return 'the ClientURI does not name one concrete node';
  }
  const flat = flattenMoData(item.MOData, pathToString(uri.path), rootNameOf(uri.moid, extraMetadata));
  if (!flat.ok) return flat.error;
  const known = instances.some((i) => i.moid === uri.moid && i.miid === miid);
  const doc = findMetadata(uri.moid, extraMetadata);
  const rows: TreeNodeRow[] = [];
  for (let start = 0; start < flat.nodes.length; start += ROW_CHUNK) {
    if (start > 0) await nextTurn();
    for (const node of flat.nodes.slice(start, start + ROW_CHUNK)) {
      rows.push({
        moid: uri.moid,
        miid,
        path: node.path,
        value: node.isLeaf ? node.value : null,
        format: (doc && lookupNodeMeta(doc, node.path)?.Format) ?? (node.isLeaf ? 'chr' : 'node'),
        reportedAt,
      });
    }
  }
  return { instance: known ? undefined : { moid: uri.moid, miid, ddf: item.DDF ?? null }, rows };
}

/**
 * Stores MO data the device reported, all of it or nothing: over `limits` it throws TreeLimitError
 * before anything is written. `writtenBefore`: nodes already written from the same package; `cause`:
 * what the tree history records as the cause of the changes (protocol §13).
 */
export async function writeMoData(
  repos: Repositories,
  devId: string,
  data: MoSerialization,
  reportedAt: Date,
  extraMetadata: readonly MoMetadata[] = [],
  limits: TreeLimits = DEFAULT_TREE_LIMITS,
  writtenBefore = 0,
  cause?: TreeWriteCause,
): Promise<TreeWriteResult> {
  const result: TreeWriteResult = { changes: [], rejected: [], written: [] };
  const instances = await repos.tree.listInstances(devId);
  const added = new Map<string, MoInstanceRow>();
  for (const item of data) {
    const prepared = await prepareItem(item, [...instances, ...added.values()], reportedAt, extraMetadata);
    if (typeof prepared === 'string') {
      result.rejected.push({ clientUri: item.ClientURI, reason: prepared });
      continue;
    }
    if (prepared.instance)
      added.set(`${prepared.instance.moid}\n${prepared.instance.miid}`, prepared.instance);
    for (const row of prepared.rows) result.written.push(row);
    const nodes = writtenBefore + result.written.length;
    if (nodes > limits.maxNodesPerWrite) {
      throw new TreeLimitError('DMC_MAX_NODES_PER_WRITE', limits.maxNodesPerWrite, nodes);
    }
  }
  try {
    result.changes = await repos.tree.upsertNodes(devId, result.written, {
      maxStoredNodes: limits.maxNodesPerDevice,
      ...(cause ? { cause } : {}),
    });
  } catch (err) {
    if (!(err instanceof NodeLimitError)) throw err;
    throw new TreeLimitError('DMC_MAX_NODES_PER_DEVICE', err.max, err.stored + err.adding);
  }
  for (const instance of added.values()) await repos.tree.addInstance(devId, instance);
  return result;
}
