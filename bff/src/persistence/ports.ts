// Ports of the persistence layer. The core (domain, protocol) depends only on these interfaces;
// `kysely/` implements them once for SQLite and PostgreSQL. Times are Date objects (stored as
// epoch milliseconds); JSON columns come back parsed and validated.
import type { CommandState, DevInfoSummary, PageAnswer, PageSpec, Role } from '@dmc/shared/api';
import { NOTIFICATION_STATES, OPERATION_KINDS, OPERATION_STATES } from '@dmc/shared/api';
import type { MoMetadata } from '@dmc/shared/metadata';
import type { AlertMark } from '@dmc/shared/protocol';
import type { QueryExpr } from '@dmc/shared/query';

export interface UserRow {
  username: string;
  passwordHash: string;
  role: Role;
  createdAt: Date;
}

export interface UserRepository {
  count(): Promise<number>;
  find(username: string): Promise<UserRow | undefined>;
  /** Returns false (and changes nothing) when the username exists. */
  create(user: UserRow): Promise<boolean>;
}

/** A console session / API token; only its hash is stored. */
export interface ApiTokenRow {
  tokenHash: string;
  username: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface ApiTokenRepository {
  create(token: ApiTokenRow): Promise<void>;
  find(tokenHash: string): Promise<ApiTokenRow | undefined>;
  remove(tokenHash: string): Promise<void>;
  removeExpired(now: Date): Promise<number>;
}

/** Server-wide settings such as generated keys; shared by every instance. */
export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  /** Stores `value` unless the key exists; returns the stored value either way (race-safe). */
  putIfAbsent(key: string, value: string): Promise<string>;
}

/** Device credentials, never in plain text (profile §7). */
export interface DeviceCredentials {
  /** HMAC-SHA256 of the DM secret under the server key (HTTP Basic). */
  basicVerifier: string;
  /** RFC 7616 H(username:realm:secret) for MD5 and SHA-256 (HTTP Digest). */
  digestHa1Md5: string;
  digestHa1Sha256: string;
  /** The notification secret, encrypted under the server key (P0 digests need it). */
  notifySecretEnc: string | null;
}

export interface DeviceRow {
  devId: string;
  labels: string[];
  pushUrl: string | null;
  createdAt: Date;
  lastSeenAt: Date | null;
  devInfo: DevInfoSummary;
  devInfoAt: Date | null;
  credentials: DeviceCredentials;
}

export type DeviceSortKey = 'devId' | 'lastSeenAt' | 'createdAt' | 'model' | 'fwVersion';

/** Keyset paging position: the sort key's value and devId of the last row of the previous page. */
export interface DeviceCursor {
  value: string | number | null;
  devId: string;
}

/** A parsed fleet query (docs/query-language.md); `now` anchors relative times and `online`. */
export interface DeviceFilter {
  expr: QueryExpr;
  now: Date;
}

export interface DeviceListQuery {
  /** Case-insensitive substring over devId, model, manufacturer and firmware version. */
  text?: string;
  label?: string;
  /** Combined with `text` and `label` by AND. */
  filter?: DeviceFilter;
  /** false skips counting (`total` is then -1): an export walking every page needs no count. */
  withTotal?: boolean;
  sort: DeviceSortKey;
  order: 'asc' | 'desc';
  limit: number;
  after?: DeviceCursor;
}

export interface DeviceRepository {
  /** Returns false (and changes nothing) when the devId exists. */
  create(device: DeviceRow): Promise<boolean>;
  find(devId: string): Promise<DeviceRow | undefined>;
  /** Filtered, sorted page; `total` counts every row matching the filter; nulls sort last. */
  list(query: DeviceListQuery): Promise<{ items: DeviceRow[]; total: number }>;
  remove(devId: string): Promise<boolean>;
  touch(devId: string, at: Date): Promise<void>;
  setDevInfo(devId: string, devInfo: DevInfoSummary, at: Date): Promise<void>;
  /** The device's P0 push URL (registration, or DMAcc Push/Ext/HTTP/URI reported by the device). */
  setPushUrl(devId: string, pushUrl: string | null): Promise<void>;
  /**
   * Inside a transaction: holds the device's row until it ends, so check-then-insert work for one
   * device (e.g. opening its one notification) runs one at a time across instances. False when the
   * device is unknown. (PostgreSQL: SELECT … FOR UPDATE; SQLite transactions are serialized anyway.)
   */
  lock(devId: string): Promise<boolean>;
}

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
  findById(id: string): Promise<SessionRow | undefined>;
  findOpenByDevice(devId: string): Promise<SessionRow | undefined>;
  /** Writes `session` if the stored version is `session.version - 1`; false when someone else won. */
  update(session: SessionRow): Promise<boolean>;
  /**
   * Open sessions whose expiresAt is before `now`, oldest first. Inside a transaction on PostgreSQL
   * the rows stay locked until it ends and rows locked by others are skipped (FOR UPDATE SKIP LOCKED).
   */
  listExpired(now: Date, limit: number): Promise<SessionRow[]>;
  /** How many sessions are open (a gauge for /metrics). */
  countOpen(): Promise<number>;
  listByDevice(devId: string, limit: number): Promise<SessionRow[]>;
  /**
   * Sessions of any device started in each of `buckets` consecutive windows of `bucketMs`, the
   * first starting at `from`; one count per window, oldest first.
   */
  countStartedPerBucket(from: Date, bucketMs: number, buckets: number): Promise<number[]>;
  /** The latest sessions of any device, newest first. */
  listRecent(limit: number): Promise<SessionRow[]>;
}

export interface CommandRow {
  id: string;
  devId: string;
  /** Global insertion order; a device's commands run in ascending seq. Assigned by the repository. */
  seq: number;
  /** The wire command as it will be sent (server URLs filled in). */
  command: string[];
  state: CommandState;
  sc: number | null;
  result: unknown;
  /** The session that carried it, once sent. */
  sessionId: string | null;
  /** Token of the EXEC job URL or SHOW page, when the command has one. */
  jobToken: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  /** A queued command not sent by then expires; an accepted one not finished by then too. */
  expiresAt: Date | null;
}

export interface CommandRepository {
  /** Stores a new command; returns it with its seq. */
  enqueue(command: Omit<CommandRow, 'seq'>): Promise<CommandRow>;
  find(id: string): Promise<CommandRow | undefined>;
  findByJobToken(token: string): Promise<CommandRow | undefined>;
  /** Newest first. */
  listByDevice(devId: string, limit: number): Promise<CommandRow[]>;
  /** The device's queued, unexpired commands in seq order. */
  listQueued(devId: string, now: Date, limit: number): Promise<CommandRow[]>;
  listBySession(sessionId: string): Promise<CommandRow[]>;
  /**
   * Moves a command from one of `from` to `to.state`, setting the given fields. Returns the updated
   * row, or undefined when its state was not in `from` (so no command changes state twice).
   */
  transition(
    id: string,
    from: readonly CommandState[],
    to: {
      state: CommandState;
      at: Date;
      sc?: number | null;
      result?: unknown;
      sessionId?: string | null;
      sentAt?: Date | null;
      expiresAt?: Date | null;
    },
  ): Promise<CommandRow | undefined>;
  /** Queued or accepted commands whose expiresAt is before `now`; locks like SessionRepository.listExpired. */
  listDueForExpiry(now: Date, limit: number): Promise<CommandRow[]>;
  /** How many commands are in each state (a gauge for /metrics); states without commands are absent. */
  countByState(): Promise<Partial<Record<CommandState, number>>>;
}

export interface AlertRow {
  id: string;
  devId: string;
  sessionId: string | null;
  alertType: string;
  sourceUri: string | null;
  targetUri: string | null;
  mark: AlertMark | null;
  dataType: string | null;
  data: Record<string, unknown> | null;
  receivedAt: Date;
  /** When a console user acknowledged it; null while it is open. */
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

export interface AlertListQuery {
  devId?: string;
  alertType?: string;
  mark?: AlertMark;
  /** Any of these marks. */
  marks?: readonly AlertMark[];
  /** Leaves out alerts of these types (e.g. the session alerts every P1 carries). */
  excludeTypes?: readonly string[];
  since?: Date;
  /** true: only unacknowledged alerts; false: only acknowledged ones. */
  open?: boolean;
  limit: number;
  /** Keyset: receivedAt and id of the last row of the previous page (newest first). */
  before?: { receivedAt: Date; id: string };
}

export interface AlertRepository {
  insert(alerts: AlertRow[]): Promise<void>;
  list(query: AlertListQuery): Promise<AlertRow[]>;
  find(id: string): Promise<AlertRow | undefined>;
  /**
   * Acknowledges those of `ids` that are still open; returns the rows it changed (an alert is
   * acknowledged once, by whoever was first).
   */
  acknowledge(ids: readonly string[], by: string, at: Date): Promise<AlertRow[]>;
  /** Unacknowledged alerts per mark, for alerts that have one; marks with none are left out. */
  countOpenByMark(): Promise<{ mark: AlertMark; count: number }[]>;
}

/** A body the server hosts for devices to fetch with HGET (profile §4: writes go through the DR). */
export interface DrObjectRow {
  /** Unguessable (≥128 bits): the id is the capability to read it (profile §1). */
  id: string;
  devId: string;
  commandId: string | null;
  contentType: string;
  body: string;
  createdAt: Date;
  expiresAt: Date | null;
}

export interface DrObjectRepository {
  create(row: DrObjectRow): Promise<void>;
  find(id: string): Promise<DrObjectRow | undefined>;
  /** Deletes objects whose expiresAt is before `now`. */
  removeExpired(now: Date): Promise<number>;
}

export const INBOX_KINDS = ['HPUT', 'HPOST', 'SUB'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** An upload target at /dr/inbox/:token for HPUT, HPOST and SUB change reports. */
export interface InboxRow {
  /** Unguessable: the token is the capability to upload. */
  token: string;
  devId: string;
  commandId: string | null;
  kind: InboxKind;
  /** The ClientURI a SUB watches. */
  clientUri: string | null;
  createdAt: Date;
  /** Null for a SUB, which lasts until UNSUB. */
  expiresAt: Date | null;
  uploads: number;
  lastUploadAt: Date | null;
}

export interface InboxRepository {
  create(row: InboxRow): Promise<void>;
  find(token: string): Promise<InboxRow | undefined>;
  /** Counts one upload (uploads + 1, lastUploadAt = at). */
  recordUpload(token: string, at: Date): Promise<void>;
  listByDevice(devId: string): Promise<InboxRow[]>;
  remove(token: string): Promise<boolean>;
}

/** Digest nonce counts, so a replayed response is refused on every instance (RFC 7616 §3.4). */
export interface NonceRepository {
  /** True, and recorded, when `nc` is higher than every count recorded for `nonce`; atomic. */
  claim(nonce: string, nc: number, expiresAt: Date): Promise<boolean>;
  removeExpired(now: Date): Promise<number>;
}

export { NOTIFICATION_STATES };
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/**
 * One wake-up of a device by P0 (profile §6): retried with backoff until the device opens a session
 * or the deadline passes. Kept beside the commands; it is not a command state.
 */
export interface NotificationRow {
  id: string;
  devId: string;
  /** NOTIFICATION-ID of the P0 (uint16), echoed in the ServerInitiatedMgmt alert. */
  notificationId: number;
  /** pending: to send (again) at nextAttemptAt; sent: the device accepted it (202), a session is awaited. */
  state: NotificationState;
  reason: 'manual' | 'queued-work';
  attempts: number;
  lastError: string | null;
  /** When the next attempt is due (pending), or when an accepted push counts as unanswered (sent). */
  nextAttemptAt: Date | null;
  deadline: Date;
  createdAt: Date;
  updatedAt: Date;
  answeredAt: Date | null;
  /** The session that answered it. */
  sessionId: string | null;
}

export interface NotificationRepository {
  create(row: NotificationRow): Promise<void>;
  find(id: string): Promise<NotificationRow | undefined>;
  /** The device's pending or sent notification, if any (at most one is open per device). */
  findOpen(devId: string): Promise<NotificationRow | undefined>;
  /** Newest first. */
  listByDevice(devId: string, limit: number): Promise<NotificationRow[]>;
  /**
   * Pending notifications whose nextAttemptAt is at or before `now`, and sent ones past nextAttemptAt;
   * oldest first. Locks like SessionRepository.listExpired, so instances claim disjoint batches.
   */
  listDue(now: Date, limit: number): Promise<NotificationRow[]>;
  /** Writes `row` if the stored row still has `expectedState` and `expectedAttempts`; false when someone else moved it. */
  update(row: NotificationRow, expected: { state: NotificationState; attempts: number }): Promise<boolean>;
}

/** A reusable page for SHOW, chosen by id when a command is queued (profile §8). */
export interface PageTemplateRow {
  id: string;
  name: string;
  spec: PageSpec;
  createdAt: Date;
}

export interface PageTemplateRepository {
  create(row: PageTemplateRow): Promise<void>;
  find(id: string): Promise<PageTemplateRow | undefined>;
  /** By name, then id. */
  list(): Promise<PageTemplateRow[]>;
  remove(id: string): Promise<boolean>;
}

/** A one-time page at /ui/:token that a SHOW opens; its answer is the command's result. */
export interface DevicePageRow {
  /** Unguessable (≥128 bits): the token is the capability to see and answer it (profile §1). */
  token: string;
  devId: string;
  commandId: string;
  spec: PageSpec;
  /** Hidden in the page's form and required back with an answer (CSRF). */
  formSecret: string;
  createdAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
  answer: PageAnswer | null;
}

export interface DevicePageRepository {
  create(row: DevicePageRow): Promise<void>;
  find(token: string): Promise<DevicePageRow | undefined>;
  /** Records the answer if none is recorded yet; true when this call recorded it (atomic). */
  answer(token: string, answer: PageAnswer, at: Date): Promise<boolean>;
}

/** A stored firmware or software package; its bytes live in the artifact blob store under `id`. */
export interface ArtifactRow {
  /** Unguessable (≥128 bits): the id is the capability to download it (profile §1). */
  id: string;
  name: string;
  version: string;
  moid: string | null;
  size: number;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  contentType: string;
  createdAt: Date;
}

export interface ArtifactRepository {
  create(row: ArtifactRow): Promise<void>;
  find(id: string): Promise<ArtifactRow | undefined>;
  /** Newest first. */
  list(): Promise<ArtifactRow[]>;
  remove(id: string): Promise<boolean>;
}

export { OPERATION_KINDS, OPERATION_STATES };
export type OperationKind = (typeof OPERATION_KINDS)[number];
export type OperationState = (typeof OPERATION_STATES)[number];
export const FINAL_OPERATION_STATES: readonly OperationState[] = ['ok', 'failed', 'declined', 'cancelled'];

/** A multi-step operation on one device (firmware update, software install) and where it stands. */
export interface OperationRow {
  id: string;
  devId: string;
  kind: OperationKind;
  artifactId: string | null;
  /** Kind-specific parameters (MO instance, consent page …), JSON. */
  params: unknown;
  state: OperationState;
  /** Commands of the current step, in the order they were queued. */
  commandIds: string[];
  /** The SHOW asking the person for consent, while one is out. */
  consentCommandId: string | null;
  /** Outcome details, JSON. */
  result: unknown;
  /** When a postponed operation asks again. */
  resumeAt: Date | null;
  /** Optimistic concurrency: bumped by every update. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface OperationRepository {
  create(row: OperationRow): Promise<void>;
  find(id: string): Promise<OperationRow | undefined>;
  /** Newest first. */
  listByDevice(devId: string, limit: number): Promise<OperationRow[]>;
  /** Operations not in a final state, oldest first; `afterId` continues a scan (ordered by createdAt, id). */
  listActive(limit: number, after?: { createdAt: Date; id: string }): Promise<OperationRow[]>;
  /** Writes `row` if the stored version is `row.version - 1`; false when someone else won. */
  update(row: OperationRow): Promise<boolean>;
  /** Whether an operation that is not final uses the artifact. */
  isArtifactInUse(artifactId: string): Promise<boolean>;
}

/** Aggregates over the fleet for the dashboard; each is one indexed aggregate query. */
export interface FleetStatsRepository {
  countDevices(): Promise<number>;
  /** Devices whose last contact is at or after `since`. */
  countSeenSince(since: Date): Promise<number>;
  /** Devices per reported firmware version (null: none reported), most common first, then by version. */
  countByFirmware(limit: number): Promise<{ version: string | null; count: number }[]>;
  /** Commands per state, for the given states; states with none are left out. */
  countCommandsByState(states: readonly CommandState[]): Promise<{ state: CommandState; count: number }[]>;
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
  find(name: string): Promise<LeaseRow | undefined>;
}

/**
 * The database cannot be reached (connection refused, dropped, or refusing connections). Requests
 * that hit it get 503 and may be retried; nothing was decided.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** Every repository, bound to one connection or transaction. */
/** A meta-data document imported for a vendor MO (profile §5), from a DDF or as JSON. */
export interface MetadataDocumentRow {
  moid: string;
  document: MoMetadata;
  source: 'ddf' | 'json';
  createdAt: Date;
  updatedAt: Date;
}

export interface MetadataRepository {
  /** Inserts, or replaces the document of an existing MOID (keeping its createdAt). */
  upsert(row: MetadataDocumentRow): Promise<void>;
  find(moid: string): Promise<MetadataDocumentRow | undefined>;
  /** By MOID. */
  list(): Promise<MetadataDocumentRow[]>;
  remove(moid: string): Promise<boolean>;
}

export interface Repositories {
  users: UserRepository;
  tokens: ApiTokenRepository;
  settings: SettingsRepository;
  devices: DeviceRepository;
  tree: TreeRepository;
  sessions: SessionRepository;
  commands: CommandRepository;
  alerts: AlertRepository;
  drObjects: DrObjectRepository;
  inboxes: InboxRepository;
  nonces: NonceRepository;
  pageTemplates: PageTemplateRepository;
  devicePages: DevicePageRepository;
  notifications: NotificationRepository;
  artifacts: ArtifactRepository;
  operations: OperationRepository;
  leases: LeaseRepository;
  stats: FleetStatsRepository;
  metadata: MetadataRepository;
}

/** The store: repositories plus transactions. Implemented for SQLite and PostgreSQL. */
export interface Store extends Repositories {
  readonly engine: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Cheap liveness check of the database. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
