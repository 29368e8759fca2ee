// How much MO data one write may store (protocol §12): nodes per package or upload, and nodes per
// device. Beyond either, nothing of the write is stored: the upload gets 413, the command status 413.
import { PayloadTooLargeError } from '../errors';

export interface TreeLimits {
  /** Nodes written from one package or upload (DMC_MAX_NODES_PER_WRITE). */
  maxNodesPerWrite: number;
  /** Nodes stored per device (DMC_MAX_NODES_PER_DEVICE). */
  maxNodesPerDevice: number;
}

export const DEFAULT_TREE_LIMITS: TreeLimits = { maxNodesPerWrite: 20_000, maxNodesPerDevice: 100_000 };

export type TreeLimitName = 'DMC_MAX_NODES_PER_WRITE' | 'DMC_MAX_NODES_PER_DEVICE';

/** A write over a limit; nothing of it was stored. `details` name the limit for the problem body. */
export class TreeLimitError extends PayloadTooLargeError {
  constructor(
    readonly limit: TreeLimitName,
    readonly max: number,
    /** Nodes the write would have stored (per write), or the device would have held (per device). */
    readonly nodes: number,
  ) {
    const what =
      limit === 'DMC_MAX_NODES_PER_WRITE'
        ? `The MO data holds ${nodes} nodes; one package or upload may write at most ${max}`
        : `The device would hold ${nodes} nodes; it may hold at most ${max}`;
    super(`${what} (${limit}). Nothing of it was stored.`, { limit, max, nodes });
  }
}
