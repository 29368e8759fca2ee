// Console users, their API tokens and the digest nonces devices answer with.
import type { Role } from '@dmc/shared/api';

export interface NewUserRow {
  username: string;
  passwordHash: string;
  role: Role;
  createdAt: Date;
}

export interface UserRow extends NewUserRow {
  /** A disabled user cannot sign in and its tokens are refused (protocol §10). */
  disabled: boolean;
  lastLoginAt: Date | null;
}

export interface UserChange {
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
}

export interface UserRepository {
  count(): Promise<number>;
  find(username: string): Promise<UserRow | undefined>;
  /** Every user, by username. */
  list(): Promise<UserRow[]>;
  /** Returns false (and changes nothing) when the username exists. */
  create(user: NewUserRow): Promise<boolean>;
  /** Returns false when there is no such user. */
  update(username: string, change: UserChange): Promise<boolean>;
  /** Returns false when there is no such user. */
  remove(username: string): Promise<boolean>;
  recordLogin(username: string, at: Date): Promise<void>;
  /**
   * The usernames of the enabled admins, by username. On PostgreSQL their rows are locked FOR UPDATE
   * until the transaction ends, so two transactions that each take an admin away run one after the
   * other and the second sees the first's change (the last enabled admin is kept, protocol §10).
   * SQLite runs one transaction at a time.
   */
  lockEnabledAdmins(): Promise<string[]>;
}

/** A console session (a sign-in) or an API token (protocol §10). */
export type TokenKind = 'session' | 'api';
/** How a session's token travels. */
export type SessionVia = 'cookie' | 'bearer';

/** A console session or API token; only the secret's hash is stored. */
export interface ApiTokenRow {
  tokenHash: string;
  /** Public id, shown to the owner (and to admins for API tokens). */
  id: string;
  kind: TokenKind;
  /** Sessions only. */
  via: SessionVia | null;
  /** API tokens only. */
  name: string | null;
  /** API tokens only: the most the token may do (the owner's current role caps it too). */
  role: Role | null;
  username: string;
  createdAt: Date;
  /** Null for an API token never used. */
  lastUsedAt: Date | null;
  expiresAt: Date;
  userAgent: string | null;
  address: string | null;
}

export interface ApiTokenRepository {
  create(token: ApiTokenRow): Promise<void>;
  find(tokenHash: string): Promise<ApiTokenRow | undefined>;
  findById(id: string): Promise<ApiTokenRow | undefined>;
  /** The rows of `kind` owned by `username` (every owner's when undefined), newest first. */
  list(kind: TokenKind, username?: string): Promise<ApiTokenRow[]>;
  /** How many rows of `kind` `username` has. */
  count(kind: TokenKind, username: string): Promise<number>;
  /**
   * Records a use at `now`, in one conditional UPDATE that changes nothing unless the last recorded
   * use is older than `staleBefore` (or none): a busy session is written about once a minute.
   */
  touch(tokenHash: string, now: Date, staleBefore: Date): Promise<void>;
  remove(tokenHash: string): Promise<void>;
  /**
   * Removes every row of `username` (only those of `kind`, when given) but `keepTokenHash`; returns
   * the hashes it removed.
   */
  removeAllOf(username: string, options?: { keepTokenHash?: string; kind?: TokenKind }): Promise<string[]>;
  /**
   * Removes rows expired at `now` and sessions last used at or before `idleBefore`; returns the
   * hashes it removed.
   */
  removeExpired(now: Date, idleBefore?: Date): Promise<string[]>;
}

/** Digest nonce counts, so a replayed response is refused on every instance (RFC 7616 §3.4). */
export interface NonceRepository {
  /** True, and recorded, when `nc` is higher than every count recorded for `nonce`; atomic. */
  claim(nonce: string, nc: number, expiresAt: Date): Promise<boolean>;
  removeExpired(now: Date): Promise<number>;
}
