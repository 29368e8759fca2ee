// The device tree as last reported: MO instances and their nodes.
import type { TreeWriteCause } from './tree-history';

/** One MO instance a device reported in P1's MOS. */
export interface MoInstanceRow {
  moid: string;
  miid: string;
  ddf: string | null;
}

/** One stored node. `path` is below the MO root; '' is the instance root. */
export interface TreeNodeRow {
  moid: string;
  miid: string;
  path: string;
  value: string | null;
  format: string;
  reportedAt: Date;
}

export interface NodeChange {
  moid: string;
  miid: string;
  path: string;
  oldValue: string | null;
  newValue: string | null;
  deleted: boolean;
}

export interface TreeRepository {
  /**
   * Replaces the set of instances the device reported (nodes of dropped instances go too). Every
   * change to a node, here and in the writes below, is recorded in the tree history with `cause`
   * (protocol §13), in the same transaction and batches; without one, the write's own time.
   */
  replaceInstances(devId: string, instances: MoInstanceRow[], cause?: TreeWriteCause): Promise<void>;
  /** Adds an instance (e.g. created by HGET) if it is not known yet. */
  addInstance(devId: string, instance: MoInstanceRow): Promise<void>;
  listInstances(devId: string): Promise<MoInstanceRow[]>;
  /**
   * Inserts or updates nodes; returns the changes (old → new) for nodes whose value changed or are new.
   * A path given twice keeps its last occurrence. Reads and writes go in batches, a constant number of
   * statements per batch, yielding to the event loop between them (ARCHITECTURE.md, tree writes). With
   * `maxStoredNodes`, a write after which the device would hold more nodes than that throws
   * NodeLimitError and stores nothing.
   */
  upsertNodes(
    devId: string,
    nodes: readonly TreeNodeRow[],
    options?: { maxStoredNodes?: number; cause?: TreeWriteCause },
  ): Promise<NodeChange[]>;
  /** How many nodes the device has stored. */
  countNodes(devId: string): Promise<number>;
  /** Deletes the node at `path` and everything below it ('' deletes the whole instance's nodes). */
  deleteSubtree(
    devId: string,
    moid: string,
    miid: string,
    path: string,
    cause?: TreeWriteCause,
  ): Promise<NodeChange[]>;
  listNodes(devId: string, filter?: { moid: string; miid?: string }): Promise<TreeNodeRow[]>;
  /** Up to `limit` nodes in (moid, miid, path) order after `after`: a big tree read page by page. */
  listNodesAfter(
    devId: string,
    after: { moid: string; miid: string; path: string } | undefined,
    limit: number,
  ): Promise<TreeNodeRow[]>;
}

/** A write would leave a device with more stored nodes than allowed; nothing of it was stored. */
export class NodeLimitError extends Error {
  override readonly name = 'NodeLimitError';
  constructor(
    /** Nodes the device holds before the write. */
    readonly stored: number,
    /** Nodes the write would add. */
    readonly adding: number,
    readonly max: number,
  ) {
    super(`The device holds ${stored} nodes; ${adding} more would exceed ${max}.`);
  }
}
