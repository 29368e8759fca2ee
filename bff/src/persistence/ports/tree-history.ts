// The history of every device's stored tree (protocol §13): each change with the value before and
// after, when, and what caused it. Written by TreeRepository inside the write's own transaction.

/** What a tree write came from: a DM session (its command, or P1's MO list) or a DR upload. */
export type TreeChangeSource = 'session' | 'upload';

/** Who caused a tree write, and when; stored with every change it makes. */
export interface TreeWriteCause {
  at: Date;
  source: TreeChangeSource | null;
  sessionId: string | null;
  commandId: string | null;
}

/** 'add': the node did not exist before; 'set': its value or format changed; 'delete': it went. */
export type TreeChangeOp = 'add' | 'set' | 'delete';

export interface TreeHistoryRow {
  /** Insertion order; ties of `at` are broken by it. */
  id: number;
  devId: string;
  moid: string;
  miid: string;
  path: string;
  op: TreeChangeOp;
  /** After the change (null for a delete or an interior node). */
  value: string | null;
  format: string | null;
  /** Before the change (null for an add). */
  oldValue: string | null;
  oldFormat: string | null;
  at: Date;
  source: TreeChangeSource | null;
  sessionId: string | null;
  commandId: string | null;
}

/** A point on a device's change time line: the changes one write made at one time. */
export interface TreeChangePoint {
  at: Date;
  sessionId: string | null;
  commandId: string | null;
  changes: number;
}

/** A keyset position in (at, id) order. */
export interface HistoryCursor {
  at: Date;
  id: number;
}

export interface TreeHistoryRepository {
  /**
   * A device's changes after `after` (exclusive) and up to `until` (inclusive, when given), oldest
   * first, at most `limit`, starting after `cursor`.
   */
  listBetween(
    devId: string,
    range: { after: Date; until?: Date },
    cursor: HistoryCursor | undefined,
    limit: number,
  ): Promise<TreeHistoryRow[]>;
  /** One node's changes, newest first, at most `limit`, with ids below `beforeId`. */
  listNode(
    devId: string,
    node: { moid: string; miid: string; path: string },
    beforeId: number | undefined,
    limit: number,
  ): Promise<TreeHistoryRow[]>;
  /** The device's most recent change points (one per time, session and command), newest first. */
  listChangePoints(devId: string, limit: number): Promise<TreeChangePoint[]>;
  /** Before this time the device's history is incomplete (retention removed changes); null: complete. */
  horizon(devId: string): Promise<Date | null>;
  /**
   * Removes up to `limit` changes older than `before`, oldest first, moving each device's horizon up
   * to the newest change removed. Returns how many were removed (0: nothing left to do).
   */
  pruneOlderThan(before: Date, limit: number): Promise<number>;
  /**
   * For devices holding more than `perDevice` changes, removes up to `limit` of their oldest ones
   * (never below `perDevice`), moving the horizon likewise. Returns how many were removed.
   */
  pruneBeyond(perDevice: number, limit: number): Promise<number>;
  /** How many changes the device has stored. */
  count(devId: string): Promise<number>;
}
