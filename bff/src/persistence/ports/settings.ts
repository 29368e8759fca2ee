// Server-wide settings and the leases that share background work between instances.

/** Server-wide settings such as generated keys; shared by every instance. */
export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  /** Stores `value` unless the key exists; returns the stored value either way (race-safe). */
  putIfAbsent(key: string, value: string): Promise<string>;
  /** Stores `value`, replacing any earlier one. */
  put(key: string, value: string): Promise<void>;
  /**
   * Deletes the setting and leaves no copy of its value in the database files where the engine allows
   * (SQLite: deleted content is overwritten and the write-ahead log emptied). Outside transactions.
   */
  remove(key: string): Promise<void>;
}

/**
 * A named, time-limited claim on a piece of background work (a sweeper), so one instance runs it at
 * a time and a dead instance's claim lapses at `expiresAt`.
 */
export interface LeaseRow {
  name: string;
  holder: string;
  acquiredAt: Date;
  expiresAt: Date;
}

export interface LeaseRepository {
  /**
   * Takes the lease for `holder` until `now + ttlMs` when it is free, expired, or already held by
   * `holder` (then it is extended). True when `holder` holds it afterwards; atomic.
   */
  acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
  /** Extends the lease while `holder` still holds it (not taken over by another); false otherwise. */
  renew(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `holder` holds it, so another instance may take it at once. */
  release(name: string, holder: string): Promise<void>;
  /** Deletes the lease if it lapsed at or before `before` (whoever held it); true when deleted. */
  removeLapsed(name: string, before: Date): Promise<boolean>;
  find(name: string): Promise<LeaseRow | undefined>;
  /** Every lease, expired ones included, ordered by name (a small table: one row per task and instance). */
  list(): Promise<LeaseRow[]>;
}
