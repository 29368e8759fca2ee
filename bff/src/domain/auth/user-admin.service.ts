// Console users as an admin manages them (protocol §10): list, change role, disable, reset the
// password, delete; and a user's change of its own password. The last enabled admin is kept: the
// check and the change run in one transaction that locks the enabled admins' rows. Disabling,
// deleting or a role change ends the user's sessions and API tokens and their live sockets; a
// password change ends its sessions only. An admin may also lift a user's sign-in lockout before its
// window passes.
import type { UpdateUserInput, User, UserAccount, UserList } from '@dmc/shared/api';
import type { Repositories, Store, TokenKind, UserRow } from '../../persistence/ports';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors';
import { checkNewPassword } from './password-policy';
import { hashPassword, verifyPassword } from './passwords';
import { can } from './permissions';
import type { RevokeOptions, SessionRevocation } from './session-revocation';

export interface UserAdminService {
  list(): Promise<UserList>;
  /**
   * Changes `username` as `actor` asks. `credential` is the caller's: a user changing its own
   * password keeps its session, while its other sessions end; an API token changes no password.
   */
  update(
    actor: User,
    credential: ActorCredential | undefined,
    username: string,
    input: UpdateUserInput,
  ): Promise<UserAccount>;
  remove(username: string): Promise<void>;
  /**
   * Forgets the failed sign-ins counted for `username`, so its lockout (login throttling) ends now;
   * the counters of client addresses stay.
   */
  clearLockout(username: string): Promise<void>;
}

/** The credential of the caller: its hash and whether it is a session or an API token. */
export interface ActorCredential {
  tokenHash: string;
  kind: TokenKind;
}

export function toUserAccount(row: UserRow): UserAccount {
  return {
    username: row.username,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

const LAST_ADMIN = 'The last enabled admin cannot be deleted, disabled or demoted; make another admin first.';

/** Throws 409 when taking `username`'s admin rights away would leave no enabled admin. */
async function keepAnAdmin(repos: Repositories, username: string): Promise<void> {
  const admins = await repos.users.lockEnabledAdmins();
  if (admins.includes(username) && admins.length === 1) throw new ConflictError(LAST_ADMIN);
}

/** The actor may make this change: an admin anything, anyone else only its own password. */
async function checkAllowed(actor: User, username: string, input: UpdateUserInput, row?: UserRow) {
  const self = actor.username === username;
  const admin = can(actor.role, 'users:write');
  if (!admin && (!self || input.role !== undefined || input.disabled !== undefined)) {
    throw new ForbiddenError('Only an admin may change another user, a role or the disabled flag.');
  }
  if (self && input.password !== undefined) {
    if (input.currentPassword === undefined) {
      throw new InputError('To change your own password, give currentPassword too.', {
        rule: 'currentPassword',
      });
    }
    if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
      throw new InputError('The current password is wrong.', { rule: 'currentPassword' });
    }
  }
}

export function createUserAdminService(store: Store, sessions: SessionRevocation): UserAdminService {
  return {
    async list() {
      return { items: (await store.users.list()).map(toUserAccount) };
    },

    async update(actor, credential, username, input) {
      // A leaked API token cannot lock its owner out, nor anyone else (protocol §10).
      if (credential?.kind === 'api' && input.password !== undefined) {
        throw new ForbiddenError('An API token may not change a password; sign in to do it.');
      }
      const actorTokenHash = credential?.tokenHash;
      const before = await store.users.find(username);
      await checkAllowed(actor, username, input, before);
      if (!before) throw new NotFoundError(`No user named "${username}".`);
      if (input.password !== undefined) checkNewPassword(input.password);
      const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
      const demotes = input.role !== undefined && input.role !== 'admin';
      const { row, ended } = await store.transaction(async (repos) => {
        if (demotes || input.disabled === true) await keepAnAdmin(repos, username);
        const current = await repos.users.find(username);
        if (!current) throw new NotFoundError(`No user named "${username}".`);
        await repos.users.update(username, {
          ...(input.role === undefined ? {} : { role: input.role }),
          ...(input.disabled === undefined ? {} : { disabled: input.disabled }),
          ...(passwordHash === undefined ? {} : { passwordHash }),
        });
        const revoke = revocationOf(current, input, passwordHash !== undefined, {
          keep: keepOf(actor, username, input, actorTokenHash),
        });
        const hashes = revoke ? await sessions.revokeTokens(repos, username, revoke) : [];
        const updated = await repos.users.find(username);
        if (!updated) throw new NotFoundError(`No user named "${username}".`);
        return { row: updated, ended: revoke ? { hashes, options: revoke } : undefined };
      });
      if (ended) sessions.disconnect(username, ended.hashes, ended.options);
      return toUserAccount(row);
    },

    async remove(username) {
      await store.transaction(async (repos) => {
        await keepAnAdmin(repos, username);
        await sessions.revokeTokens(repos, username);
        if (!(await repos.users.remove(username))) throw new NotFoundError(`No user named "${username}".`);
      });
      sessions.disconnect(username, []);
    },

    async clearLockout(username) {
      if (!(await store.users.find(username))) throw new NotFoundError(`No user named "${username}".`);
      await store.authFailures.remove('user', username);
    },
  };
}

/**
 * What a change ends (protocol §10): a role change or disabling ends the user's sessions and API
 * tokens; a password change alone ends its sessions (API tokens stay); anything else nothing.
 */
function revocationOf(
  current: UserRow,
  input: UpdateUserInput,
  changesPassword: boolean,
  { keep }: { keep: string | undefined },
): RevokeOptions | undefined {
  const keepOption = keep === undefined ? {} : { keepTokenHash: keep };
  const endsAll =
    (input.role !== undefined && input.role !== current.role) ||
    (input.disabled === true && !current.disabled);
  if (endsAll) return keepOption;
  return changesPassword ? { ...keepOption, kind: 'session' } : undefined;
}

/** The session kept: the caller's own, when it changes only its own password. */
function keepOf(
  actor: User,
  username: string,
  input: UpdateUserInput,
  actorTokenHash: string | undefined,
): string | undefined {
  const passwordOnly = input.role === undefined && input.disabled === undefined;
  return actor.username === username && passwordOnly ? actorTokenHash : undefined;
}
