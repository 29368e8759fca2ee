// The device tree as last reported: MO instances and their nodes.

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
  /** Replaces the set of instances the device reported (nodes of dropped instances go too). */
  replaceInstances(devId: string, instances: MoInstanceRow[]): Promise<void>;
  /** Adds an instance (e.g. created by HGET) if it is not known yet. */
  addInstance(devId: string, instance: MoInstanceRow): Promise<void>;
  listInstances(devId: string): Promise<MoInstanceRow[]>;
  /** Inserts or updates nodes; returns the changes (old → new) for nodes whose value changed or are new. */
  upsertNodes(devId: string, nodes: TreeNodeRow[]): Promise<NodeChange[]>;
  /** Deletes the node at `path` and everything below it ('' deletes the whole instance's nodes). */
  deleteSubtree(devId: string, moid: string, miid: string, path: string): Promise<NodeChange[]>;
  listNodes(devId: string, filter?: { moid: string; miid?: string }): Promise<TreeNodeRow[]>;
}
