// Packages of DM sessions kept for the session inspector (profile §13).

export type SessionPackageKind = 'P0' | 'P1' | 'P2' | 'P3' | 'DR' | 'UI';

/** One package as written: its body already redacted and capped by the caller. */
export interface SessionPackageInsert {
  sessionId: string;
  devId: string;
  kind: SessionPackageKind;
  at: Date;
  /** The HTTP status of the exchange; null when none is known. */
  status: number | null;
  durationMs: number;
  /** The command a DR or UI request belongs to. */
  commandId: string | null;
  /** Commands the package carries (a P2's, CONT and END aside). */
  commands: number;
  /** JSON text of the redacted package, or of the truncation marker. */
  body: string;
  /** The size of the package as exchanged, in bytes of JSON. */
  bodyBytes: number;
  truncated: boolean;
}

export interface SessionPackageRow extends SessionPackageInsert {
  /** Global write order. */
  seq: number;
}

/** Per session: packages kept and commands sent. */
export interface SessionPackageCounts {
  sessionId: string;
  packages: number;
  commands: number;
}

export interface SessionLogRepository {
  /** Stores `rows` with one statement (the packages of one exchange: a P1 or P3 and its P2). */
  add(rows: readonly SessionPackageInsert[]): Promise<void>;
  /** A session's packages in write order. */
  listBySession(sessionId: string): Promise<SessionPackageRow[]>;
  /** Counts for each of `sessionIds` that has packages. */
  countBySessions(sessionIds: readonly string[]): Promise<SessionPackageCounts[]>;
  /** Deletes up to `limit` packages written before `before`; returns how many. */
  removeOlderThan(before: Date, limit: number): Promise<number>;
  /**
   * Devices with kept packages after `afterDevId` (in DevID order), at most `limit`: the batches
   * the count-retention sweep walks.
   */
  listDevicesAfter(afterDevId: string | null, limit: number): Promise<string[]>;
  /**
   * For each of `devIds`, deletes the packages of every session but its `keep` newest (by their
   * last package); returns how many rows went.
   */
  keepNewestSessions(devIds: readonly string[], keep: number): Promise<number>;
}
