// Console users, their API tokens and the digest nonces devices answer with.
import type { Role } from '@dmc/shared/api';

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

/** Digest nonce counts, so a replayed response is refused on every instance (RFC 7616 §3.4). */
export interface NonceRepository {
  /** True, and recorded, when `nc` is higher than every count recorded for `nonce`; atomic. */
  claim(nonce: string, nc: number, expiresAt: Date): Promise<boolean>;
  removeExpired(now: Date): Promise<number>;
}
