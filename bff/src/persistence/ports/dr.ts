// What the server hosts for devices at the DR: objects to fetch and inboxes to upload to.

/** A body the server hosts for devices to fetch with HGET (protocol §4: writes go through the DR). */
export interface DrObjectRow {
  /** Unguessable (≥128 bits): the id is the capability to read it (protocol §1). */
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

/** Which inboxes housekeeping deletes (domain/dr/inbox-lifetime.ts decides the rule). */
export interface ClosedInboxQuery {
  /** Inboxes whose expiresAt is at or before this. */
  now: Date;
  /** HPUT/HPOST inboxes live only while their command is in one of these states. */
  uploadStates: readonly string[];
  /** SUB inboxes live only while their command is in one of these states. */
  subscribedStates: readonly string[];
  /** SUB inboxes with no upload, creation or change of their SUB's state after this. */
  subIdleBefore: Date;
}

export interface InboxRepository {
  create(row: InboxRow): Promise<void>;
  find(token: string): Promise<InboxRow | undefined>;
  /** Counts one upload (uploads + 1, lastUploadAt = at). */
  recordUpload(token: string, at: Date): Promise<void>;
  listByDevice(devId: string): Promise<InboxRow[]>;
  remove(token: string): Promise<boolean>;
  /**
   * Deletes inboxes that take no more uploads: past expiresAt, without a command or with a command
   * out of the live states, and idle SUB inboxes. Returns how many.
   */
  removeClosed(query: ClosedInboxQuery): Promise<number>;
}
