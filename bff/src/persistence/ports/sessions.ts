import type { DeviceAdmission } from './devices';
// DM sessions and the session machine's stored state.

export const SESSION_STATUSES = ['open', 'completed', 'abandoned', 'superseded', 'aborted'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** A DM session. `state` is the session machine's state, stored as JSON and parsed by the caller. */
export interface SessionRow {
  id: string;
  token: string;
  devId: string;
  status: SessionStatus;
  state: unknown;
  /** Optimistic concurrency: bumped by every update. */
  version: number;
  startedAt: Date;
  updatedAt: Date;
  /** When an open session counts as abandoned. */
  expiresAt: Date;
  endedAt: Date | null;
}

export interface SessionRepository {
  create(session: SessionRow): Promise<void>;
  findByToken(token: string): Promise<SessionRow | undefined>;
  /**
   * A P3's one read before its transaction: the session of `token` with what the device gate needs
   * of its device (`DeviceRepository.findForAdmission`).
   */
  findByTokenForAdmission(
    token: string,
  ): Promise<{ session: SessionRow; admission: DeviceAdmission } | undefined>;
  findById(id: string): Promise<SessionRow | undefined>;
  findOpenByDevice(devId: string): Promise<SessionRow | undefined>;
  /** Writes `session` if the stored version is `session.version - 1`; false when someone else won. */
  update(session: SessionRow): Promise<boolean>;
  /**
   * Open sessions whose expiresAt is before `now`, oldest first. Inside a transaction on PostgreSQL
   * each session's device row is locked until it ends (as DevicesRepository.lock), and sessions of
   * devices locked by others are skipped (FOR NO KEY UPDATE OF devices SKIP LOCKED): the device
   * comes first in the lock order (ARCHITECTURE.md, "Lock order"). Read the session again under
   * the lock: a package for it may have committed since this statement's snapshot.
   */
  listExpired(now: Date, limit: number): Promise<SessionRow[]>;
  /** How many sessions are open (a gauge for /metrics). */
  countOpen(): Promise<number>;
  /** The device's sessions, newest first; with `before`, only those older than that one (keyset). */
  listByDevice(devId: string, limit: number, before?: { startedAt: Date; id: string }): Promise<SessionRow[]>;
  /**
   * Sessions of any device started in each of `buckets` consecutive windows of `bucketMs`, the
   * first starting at `from`; one count per window, oldest first.
   */
  countStartedPerBucket(from: Date, bucketMs: number, buckets: number): Promise<number[]>;
  /** The latest sessions of any device, newest first. */
  listRecent(limit: number): Promise<SessionRow[]>;
}
