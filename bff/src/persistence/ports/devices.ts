// Registered devices: credentials, reported DevInfo and the fleet list query.
import type { DevInfoSummary } from '@dmc/shared/api';
import type { QueryExpr } from '@dmc/shared/query';
import type { AuthFailureCount } from './auth-failures';
import type { MoInstanceRow } from './tree';

/** Device credentials, never in plain text (protocol §7). */
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

/** The device row and its DevID's counter of wrong credentials, read together by the device gate. */
export interface DeviceAdmission {
  device: DeviceRow | undefined;
  /** The `device` scope counter of the DevID (protocol §7); undefined when there is none or no device. */
  failures: AuthFailureCount | undefined;
}

/**
 * What a DM package's transaction starts from, read by the statement that locks the device row and
 * records the contact (`DeviceRepository.contact`).
 */
export interface DeviceContact {
  /** The device row as locked, `lastSeenAt` the contact's time. */
  device: DeviceRow;
  /** The device's newest open session, if any. */
  openSessionId: string | null;
  /** The version of the session named in the probe while it is open, else null. */
  sessionVersion: number | null;
  /**
   * The device's queued commands unexpired at the contact's time, in queue order, at most
   * `probe.queuedLimit` (what `CommandRepository.listQueued` returns, id and command only).
   */
  queued: { id: string; command: string[] }[];
  /** Whether a notification of the device waits for a session (pending or sent, protocol §6). */
  hasOpenNotification: boolean;
  /** The device's MO instances in (moid, miid) order, when the probe asked for them. */
  instances: MoInstanceRow[] | undefined;
}

export interface ContactProbe {
  /** How many queued commands to return (DMC_MAX_COMMANDS_PER_PACKAGE). */
  queuedLimit: number;
  /** The session whose version to read again under the lock (a P3's). */
  sessionId?: string;
  /** Also read the device's MO instances (a P1 that reports MOS). */
  withInstances?: boolean;
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

/** Labels to take away from and give to devices: removals first, then additions. */
export interface LabelChange {
  add: readonly string[];
  remove: readonly string[];
}

/** What a label change did, device by device. Unknown devIds are in neither list. */
export interface LabelChangeResult {
  /** Devices that now carry every added label and none of the removed ones, in the order given. */
  applied: string[];
  /** Devices left unchanged: the change would give them more than the allowed labels. */
  overLimit: string[];
}

/** Devices per batch of a label change: a fixed number of statements per batch, none per device. */
export const LABEL_BATCH = 1000;

export interface DeviceRepository {
  /** Returns false (and changes nothing) when the devId exists. */
  create(device: DeviceRow): Promise<boolean>;
  find(devId: string): Promise<DeviceRow | undefined>;
  /** The registered devices among `devIds`, in devId order. */
  findMany(devIds: readonly string[]): Promise<DeviceRow[]>;
  /** Filtered, sorted page; `total` counts every row matching the filter; nulls sort last. */
  list(query: DeviceListQuery): Promise<{ items: DeviceRow[]; total: number }>;
  /**
   * Only the DevIDs of a page of `list` in devId order (`sort` and `order` are ignored), for work that
   * walks every match and needs no more than the id (campaign membership, the impact preview).
   */
  listIds(query: Omit<DeviceListQuery, 'sort' | 'order' | 'withTotal'>): Promise<string[]>;
  remove(devId: string): Promise<boolean>;
  touch(devId: string, at: Date): Promise<void>;
  setDevInfo(devId: string, devInfo: DevInfoSummary, at: Date): Promise<void>;
  /** The device's P0 push URL (registration, or DMAcc Push/Ext/HTTP/URI reported by the device). */
  setPushUrl(devId: string, pushUrl: string | null): Promise<void>;
  /**
   * The device's labels become `labels` (duplicates count once; stored and returned sorted). False
   * when the device is unknown. The caller bounds the count (MAX_LABELS_PER_DEVICE).
   */
  replaceLabels(devId: string, labels: readonly string[]): Promise<boolean>;
  /**
   * Removes `change.remove` from and adds `change.add` to each of `devIds` (any number of devices:
   * bulk work and campaigns call it). A device that would then carry more than `maxLabels` labels
   * (default MAX_LABELS_PER_DEVICE) is left as it was and reported in `overLimit`. Runs in batches
   * of LABEL_BATCH devices, each one transaction of four statements whatever its size (device rows
   * locked in devId order first, ARCHITECTURE.md "Lock order"), yielding between batches. Labels
   * come back sorted.
   */
  changeLabels(
    devIds: readonly string[],
    change: LabelChange,
    maxLabels?: number,
  ): Promise<LabelChangeResult>;
  /**
   * Inside a transaction: holds the device's row until it ends, so check-then-insert work for one
   * device (e.g. opening its one notification) runs one at a time across instances. False when the
   * device is unknown. Every transaction that changes a device's sessions or carries out a DM package
   * takes it first (ARCHITECTURE.md, "Lock order"). (PostgreSQL: SELECT … FOR NO KEY UPDATE, which
   * lets rows that reference the device be inserted meanwhile; SQLite transactions are serialized.)
   */
  lock(devId: string): Promise<boolean>;
  /**
   * The first statement of a DM package's transaction: takes the device's row lock as `lock` does
   * (an UPDATE takes FOR NO KEY UPDATE on PostgreSQL), records the contact as `touch` does, and
   * returns the locked row with what the package decides on (open session, queued work, waiting
   * notification, MO instances). Undefined, having changed nothing, when the device is unknown.
   */
  contact(devId: string, at: Date, probe: ContactProbe): Promise<DeviceContact | undefined>;
  /** The device gate's one read: the device row beside its DevID's failure counter (protocol §7). */
  findForAdmission(devId: string): Promise<DeviceAdmission>;
}
