import type { Role, User } from '@dmc/shared/api';
import type { ApiTokenRow, SessionVia, Store, TokenKind } from '../../persistence/ports';
import type { Clock } from '../ports';
import { AuthenticationError, ConflictError } from '../errors';
import { newCredentialId } from './credential-ids';
import { DUMMY_PASSWORD_HASH, generatePassword, hashPassword, verifyPassword } from './passwords';
import { createLoginThrottle } from './login-throttle';
import { checkNewPassword } from './password-policy';
import { lowerRole } from './permissions';
import { newToken, tokenHash } from './tokens';

/** The absolute lifetime of a console session (protocol §10). */
export const SESSION_TTL_MS = 12 * 3600 * 1000;
/** DMC_SESSION_IDLE_MINUTES: a session unused this long ends (protocol §10). */
export const DEFAULT_SESSION_IDLE_MINUTES = 60;
/** Uses of one credential closer together than this are recorded once. */
export const USE_RECORD_INTERVAL_MS = 60_000;
/** The user agent a session remembers is cut to this length. */
export const MAX_USER_AGENT = 200;

/** Who sent a request, and with which credential. */
export interface Credential {
  /** The user, with the role the credential may use: an API token's is capped by its own. */
  user: User;
  id: string;
  kind: TokenKind;
  /** An API token's name. */
  name: string | null;
  tokenHash: string;
}

export interface LoginRequest {
  username: string;
  password: string;
  /** The client address (Express's req.ip). */
  address: string;
  userAgent?: string | undefined;
  /** How the token travels: the console's cookie, or a script's bearer header. */
  via: SessionVia;
}

export interface SignedIn {
  token: string;
  user: User;
  expiresAt: Date;
}

export interface AuthService {
  /**
   * Signs in; throws TooManyRequestsError while the username or the address is throttled
   * (protocol §10), AuthenticationError for wrong credentials.
   */
  login(request: LoginRequest): Promise<SignedIn>;
  /** The user behind a bearer token or session cookie; throws AuthenticationError. */
  authenticate(token: string): Promise<User>;
  /** The credential behind a token, its use recorded (about once a minute); throws AuthenticationError. */
  identify(token: string): Promise<Credential>;
  /** Ends the session of `token`; an API token is not a session and stays (revoke it instead). */
  logout(token: string): Promise<boolean>;
  createUser(input: { username: string; password: string; role: Role }): Promise<User>;
  /** Creates the first admin on an empty database; returns the generated password, if one was made. */
  ensureFirstAdmin(username: string, password: string | undefined): Promise<{ generatedPassword?: string }>;
}

/** Whether a stored credential is past its absolute end or, for a session, its idle end. */
export function hasEnded(row: ApiTokenRow, now: number, idleMs: number): boolean {
  if (row.expiresAt.getTime() <= now) return true;
  return row.kind === 'session' && (row.lastUsedAt ?? row.createdAt).getTime() + idleMs <= now;
}

export function createAuthService(
  store: Store,
  clock: Clock,
  options: { idleMinutes?: number } = {},
): AuthService {
  const throttle = createLoginThrottle(store, clock);
  const idleMs = (options.idleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES) * 60_000;

  async function identify(token: string): Promise<Credential> {
    const hash = tokenHash(token);
    const row = await store.tokens.find(hash);
    const now = clock.now();
    if (!row || hasEnded(row, now.getTime(), idleMs)) {
      throw new AuthenticationError('The session has expired or is not valid; sign in again.');
    }
    const owner = await store.users.find(row.username);
    if (!owner || owner.disabled) {
      throw new AuthenticationError('The user of this session no longer exists or is disabled.');
    }
    // One conditional UPDATE, and only when the recorded use is a minute old: not a write per request.
    const stale = now.getTime() - USE_RECORD_INTERVAL_MS;
    if (row.lastUsedAt === null || row.lastUsedAt.getTime() < stale) {
      await store.tokens.touch(hash, now, new Date(stale));
    }
    const role = row.kind === 'api' && row.role !== null ? lowerRole(row.role, owner.role) : owner.role;
    return {
      user: { username: owner.username, role },
      id: row.id,
      kind: row.kind,
      name: row.name,
      tokenHash: hash,
    };
  }

  return {
    async login({ username, password, address, userAgent, via }) {
      // Counted before anything is looked up: a known and an unknown username are throttled alike.
      const attempt = await throttle.begin(username, address);
      const user = await store.users.find(username);
      const isValid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
      // A disabled user gets the answer of a wrong password (protocol §10).
      if (!user || !isValid || user.disabled) throw new AuthenticationError('Wrong username or password.');
      await attempt.succeeded();
      const token = newToken();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
      await store.users.recordLogin(user.username, now);
      await store.tokens.create({
        tokenHash: tokenHash(token),
        id: newCredentialId(),
        kind: 'session',
        via,
        name: null,
        role: null,
        username: user.username,
        createdAt: now,
        lastUsedAt: now,
        expiresAt,
        userAgent: userAgent === undefined || userAgent === '' ? null : userAgent.slice(0, MAX_USER_AGENT),
        address,
      });
      return { token, user: { username: user.username, role: user.role }, expiresAt };
    },

    async authenticate(token) {
      return (await identify(token)).user;
    },

    identify,

    async logout(token) {
      const hash = tokenHash(token);
      if ((await store.tokens.find(hash))?.kind !== 'session') return false;
      await store.tokens.remove(hash);
      return true;
    },

    async createUser({ username, password, role }) {
      checkNewPassword(password);
      const created = await store.users.create({
        username,
        role,
        passwordHash: await hashPassword(password),
        createdAt: clock.now(),
      });
      if (!created) throw new ConflictError(`A user named "${username}" already exists.`);
      return { username, role };
    },

    async ensureFirstAdmin(username, password) {
      if ((await store.users.count()) > 0) return {};
      // Only a new database gets the policy: an existing one keeps the admin it has.
      if (password !== undefined) checkNewPassword(password);
      const generated = password === undefined ? generatePassword() : undefined;
      await store.users.create({
        username,
        role: 'admin',
        passwordHash: await hashPassword(password ?? generated ?? ''),
        createdAt: clock.now(),
      });
      return generated === undefined ? {} : { generatedPassword: generated };
    },
  };
}
