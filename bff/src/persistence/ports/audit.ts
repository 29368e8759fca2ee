// The audit log (profile §10): entries are appended under a lock on the chain and never changed.

/** One stored entry. `hash` covers every other field (see domain/audit/audit-chain.ts). */
export interface AuditRow {
  seq: number;
  at: Date;
  actor: string;
  role: string;
  action: string;
  target: string;
  outcome: string;
  client: string;
  requestId: string;
  prevHash: string;
  hash: string;
}

/** Exact matches; `since`/`until` bound `at` (inclusive); `beforeSeq` pages (exclusive). */
export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  since?: Date;
  until?: Date;
  beforeSeq?: number;
}

export interface AuditRepository {
  /**
   * Holds the chain until the surrounding transaction ends, so appends from any number of
   * instances take turns (PostgreSQL: a transaction-level advisory lock; SQLite has one writer).
   * Call it inside Store.transaction before `last`.
   */
  lockChain(): Promise<void>;
  /** The entry with the highest seq, if any. */
  last(): Promise<AuditRow | undefined>;
  /** Inserts `row`; a seq already taken is an error (the chain cannot fork). */
  insert(row: AuditRow): Promise<void>;
  /** Entries matching `filter`, newest (highest seq) first. */
  list(filter: AuditFilter, limit: number): Promise<AuditRow[]>;
  /** Entries with seq > `afterSeq`, oldest first (for verifying the chain). */
  range(afterSeq: number, limit: number): Promise<AuditRow[]>;
}
