// Alerts devices sent, and their acknowledgement in the console.
import type { AlertMark } from '@dmc/shared/protocol';

export interface AlertRow {
  id: string;
  devId: string;
  sessionId: string | null;
  alertType: string;
  sourceUri: string | null;
  targetUri: string | null;
  mark: AlertMark | null;
  dataType: string | null;
  /** Data of the latest occurrence. */
  data: Record<string, unknown> | null;
  /** When the latest occurrence arrived (its `lastAt`). */
  receivedAt: Date;
  /** When a console user acknowledged it; null while it is open. */
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  /** Occurrences coalesced into the row (protocol §13). */
  count: number;
  /** When the first occurrence arrived. */
  firstAt: Date;
  /** A session-start alert: stored with its session, never open, never coalesced. */
  sessionStart: boolean;
}

/** An alert as it arrives; `count`, `firstAt` and `sessionStart` default to 1, `receivedAt`, false. */
export type NewAlertRow = Omit<AlertRow, 'count' | 'firstAt' | 'sessionStart'> &
  Partial<Pick<AlertRow, 'count' | 'firstAt' | 'sessionStart'>>;

/** What `insert` did with a group of identical alerts: a new row, or the open row it grew. */
export interface StoredAlert {
  row: AlertRow;
  /** true when the alerts were folded into a row that was already open. */
  coalesced: boolean;
  /** How many of the inserted alerts went into `row`. */
  occurrences: number;
}

/** Alert occurrences of one type in one bucket. */
export interface AlertTypeBucketCount {
  /** null: every type outside the ones asked for. */
  alertType: string | null;
  /** Index of the bucket, 0 for the one starting at `since`. */
  bucket: number;
  count: number;
}

export interface AlertListQuery {
  devId?: string;
  alertType?: string;
  mark?: AlertMark;
  /** Any of these marks. */
  marks?: readonly AlertMark[];
  /** Leaves out alerts of these types. */
  excludeTypes?: readonly string[];
  /** true: only session-start alerts; false: none of them. */
  sessionStart?: boolean;
  since?: Date;
  /** true: only open alerts (unacknowledged, not session-start); false: only acknowledged ones. */
  open?: boolean;
  limit: number;
  /** Keyset: receivedAt and id of the last row of the previous page (newest first). */
  before?: { receivedAt: Date; id: string };
}

export interface AlertRepository {
  /**
   * Stores alerts in one statement per batch. Identical ones (same device, type, source and mark;
   * not session-start) coalesce into the open row of their kind, or into one new row: its `count`
   * grows, `receivedAt` and the data, target and session become the latest arrival's, `firstAt`
   * stays. A unique index over the open rows' key makes this hold across instances. Returns one
   * entry per row written.
   */
  insert(alerts: readonly NewAlertRow[]): Promise<StoredAlert[]>;
  list(query: AlertListQuery): Promise<AlertRow[]>;
  find(id: string): Promise<AlertRow | undefined>;
  /**
   * Acknowledges those of `ids` that are still open; returns the rows it changed (an alert is
   * acknowledged once, by whoever was first).
   */
  acknowledge(ids: readonly string[], by: string, at: Date): Promise<AlertRow[]>;
  /** Unacknowledged alerts per mark, for alerts that have one; marks with none are left out. */
  countOpenByMark(): Promise<{ mark: AlertMark; count: number }[]>;
  /**
   * The most frequent alert types since `since` (occurrences, session-start alerts left out),
   * at most `limit`, most frequent first.
   */
  topTypesSince(since: Date, limit: number): Promise<{ alertType: string; count: number }[]>;
  /**
   * Occurrences in `buckets` buckets of `bucketMs` from `since`, for each of `types` and for all
   * others together (`alertType: null`); a row counts in the bucket of its `receivedAt`.
   */
  countByTypePerBucket(
    since: Date,
    bucketMs: number,
    buckets: number,
    types: readonly string[],
  ): Promise<AlertTypeBucketCount[]>;
}
