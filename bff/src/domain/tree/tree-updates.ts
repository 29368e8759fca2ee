// Every write to a device's stored tree goes through here, from DM sessions (GET results, HGET,
// DELETE) and from DR uploads alike, together with what follows from it: the fleet-list DevInfo
// summary and the push URL kept in step (protocol §5, §6). Runs inside the caller's transaction.
import type { DevInfoSummary } from '@dmc/shared/api';
import type { MoMetadata } from '@dmc/shared/metadata';
import {
  concreteClientUri,
  isConcrete,
  parseClientUri,
  type ClientUri,
  type MoSerialization,
} from '@dmc/shared/protocol';
import type { NodeChange, Repositories, TreeWriteCause } from '../../persistence/ports';
import { PUBLIC_ONLY, type PushUrlPolicy } from '../notify/push-url-policy';
import { refreshDevInfoSummary } from './dev-info';
import { syncPushUrl } from './push-url';
import { resolveStored, type StoredLocation } from './stored-resolve';
import type { TreeLimits } from './tree-limits';
import { writeMoData, type TreeWriteResult } from './tree-writer';

export interface TreeUpdate {
  changes: NodeChange[];
  /** Items that could not be stored, with the reason. */
  rejected: TreeWriteResult['rejected'];
  /** True when the device's own row changed (DevInfo summary or push URL). */
  deviceChanged: boolean;
  /** The DevInfo summary stored, when it was (`devInfoAt` is then the write's time). */
  devInfo: DevInfoSummary | undefined;
  /** True when the push URL was set. */
  pushUrlChanged: boolean;
  /** Node rows written (counted against DMC_MAX_NODES_PER_WRITE for the package). */
  nodes: number;
}

export interface StoreReportOptions {
  /** Imported meta-data documents (formats and root names of vendor MOs, protocol §5). */
  extraMetadata?: readonly MoMetadata[];
  limits?: TreeLimits;
  /** Nodes already written from the same package. */
  writtenBefore?: number;
  /** Which push URLs a DMAcc report may set (protocol §12); public addresses only when absent. */
  pushUrls?: PushUrlPolicy;
  /** The session and command, or upload, the tree history names as the cause (protocol §13). */
  cause?: TreeWriteCause;
  /** The device's DevInfo summary as this write finds it (spares a read of the device). */
  devInfo?: DevInfoSummary;
}

/**
 * Stores MO data the device reported and keeps the device's summary and push URL in step. Over the
 * limits (protocol §12) it throws TreeLimitError having stored nothing.
 */
export async function storeReport(
  repos: Repositories,
  devId: string,
  data: MoSerialization,
  now: Date,
  options: StoreReportOptions = {},
): Promise<TreeUpdate> {
  const { extraMetadata = [], limits, writtenBefore, pushUrls = PUBLIC_ONLY, cause } = options;
  const written = await writeMoData(repos, devId, data, now, extraMetadata, limits, writtenBefore, cause);
  const changes = written.changes;
  const devInfo = await refreshDevInfoSummary(repos, devId, changes, now, written.written, options.devInfo);
  const pushUrlChanged = await syncPushUrl(repos, devId, changes, pushUrls);
  return {
    changes,
    rejected: written.rejected,
    deviceChanged: devInfo !== undefined || pushUrlChanged,
    devInfo,
    pushUrlChanged,
    nodes: written.written.length,
  };
}

/** The stored nodes a ClientURI addresses, `*` and x-names resolved as the device resolves them. */
export async function storedLocations(
  repos: Repositories,
  devId: string,
  uri: ClientUri,
): Promise<StoredLocation[]> {
  const instances = await repos.tree.listInstances(devId);
  const nodes = isConcrete(uri) ? [] : await repos.tree.listNodes(devId, { moid: uri.moid });
  return resolveStored(uri, instances, nodes);
}

/** A ClientURI with x-names that names exactly one stored node, written concretely; else as given. */
export async function toConcrete(repos: Repositories, devId: string, clientUri: string): Promise<string> {
  const parsed = parseClientUri(clientUri);
  if (!parsed.ok || isConcrete(parsed.value)) return clientUri;
  const [found, ...more] = await storedLocations(repos, devId, parsed.value);
  if (!found || more.length > 0) return clientUri;
  return concreteClientUri(parsed.value.moid, found.miid, found.path);
}

/** Deletes every stored subtree `uri` addresses, as the device did (protocol §4). */
export async function deleteAddressed(
  repos: Repositories,
  devId: string,
  uri: ClientUri,
  cause?: TreeWriteCause,
): Promise<NodeChange[]> {
  const changes: NodeChange[] = [];
  for (const found of await storedLocations(repos, devId, uri)) {
    changes.push(...(await repos.tree.deleteSubtree(devId, uri.moid, found.miid, found.path, cause)));
  }
  return changes;
}
