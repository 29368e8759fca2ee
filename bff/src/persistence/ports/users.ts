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
  /** Removes every token of `username` but `keepTokenHash`; returns how many it removed. */
  removeAllOf(username: string, keepTokenHash?: string): Promise<number>;
  removeExpired(now: Date): Promise<number>;
}

/** Digest nonce counts, so a replayed response is refused on every instance (RFC 7616 §3.4). */
export interface NonceRepository {
  /** True, and recorded, when `nc` is higher than every count recorded for `nonce`; atomic. */
  claim(nonce: string, nc: number, expiresAt: Date): Promise<boolean>;
  removeExpired(now: Date): Promise<number>;
}
