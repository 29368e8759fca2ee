import type { LoginResponse, Role, User } from '@dmc/shared/api';
import type { Store } from '../../persistence/ports';
import type { Clock } from '../ports';
import { AuthenticationError, ConflictError } from '../errors';
import { DUMMY_PASSWORD_HASH, generatePassword, hashPassword, verifyPassword } from './passwords';
import { createLoginThrottle } from './login-throttle';
import { checkNewPassword } from './password-policy';
import { newToken, tokenHash } from './tokens';

export const SESSION_TTL_MS = 12 * 3600 * 1000;

export interface AuthService {
  /**
   * Signs in from the client `address` (Express's req.ip); throws TooManyRequestsError while the
   * username or the address is throttled (protocol §10), AuthenticationError for wrong credentials.
   */
  login(username: string, password: string, address: string): Promise<LoginResponse>;
  /** The user behind a bearer token or session cookie; throws AuthenticationError. */
  authenticate(token: string): Promise<User>;
  logout(token: string): Promise<void>;
  createUser(input: { username: string; password: string; role: Role }): Promise<User>;
  /** Creates the first admin on an empty database; returns the generated password, if one was made. */
  ensureFirstAdmin(username: string, password: string | undefined): Promise<{ generatedPassword?: string }>;
}

export function createAuthService(store: Store, clock: Clock): AuthService {
  const throttle = createLoginThrottle(store, clock);
  return {
    async login(username, password, address) {
      // Counted before anything is looked up: a known and an unknown username are throttled alike.
      const attempt = await throttle.begin(username, address);
      const user = await store.users.find(username);
      const isValid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
      // A disabled user gets the answer of a wrong password (protocol §10).
      if (!user || !isValid || user.disabled) throw new AuthenticationError('Wrong username or password.');
      await attempt.succeeded();
      const token = newToken();
      const now = clock.now();
      await store.users.recordLogin(user.username, now);
      await store.tokens.create({
        tokenHash: tokenHash(token),
        username: user.username,
        createdAt: now,
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      });
      return { token, user: { username: user.username, role: user.role } };
    },

    async authenticate(token) {
      const row = await store.tokens.find(tokenHash(token));
      if (!row || row.expiresAt.getTime() <= clock.now().getTime()) {
        throw new AuthenticationError('The session has expired or is not valid; sign in again.');
      }
      const user = await store.users.find(row.username);
      if (!user || user.disabled) {
        throw new AuthenticationError('The user of this session no longer exists or is disabled.');
      }
      return { username: user.username, role: user.role };
    },

    async logout(token) {
      await store.tokens.remove(tokenHash(token));
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
