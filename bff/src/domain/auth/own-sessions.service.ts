// A user's own console sessions (protocol §10): list them, end one, or end all but the current one
// ("sign out everywhere else"). Ended sessions are refused at once (their rows are gone) and their
// live sockets are disconnected on every instance. API tokens are not sessions: they are neither
// listed nor ended here, and an API token may end no session.
import type { AuthSession, AuthSessionList, EndedSessions } from '@dmc/shared/api';
import type { ApiTokenRow, Store } from '../../persistence/ports';
import type { Clock } from '../ports';
import { ForbiddenError, NotFoundError } from '../errors';
import { DEFAULT_SESSION_IDLE_MINUTES, hasEnded, type Credential } from './auth.service';
import type { DisconnectTokens } from './session-revocation';

export interface OwnSessionsService {
  list(caller: Credential): Promise<AuthSessionList>;
  /** Ends one of the caller's sessions; 404 for any other id. */
  end(caller: Credential, id: string): Promise<void>;
  /** Ends every session of the caller but the current one. */
  endOthers(caller: Credential): Promise<EndedSessions>;
}

function refuseApiToken(caller: Credential): void {
  if (caller.kind === 'api') throw new ForbiddenError('An API token may not end sessions; sign in to do it.');
}

export function createOwnSessionsService(
  store: Store,
  options: { clock: Clock; idleMinutes?: number; disconnect: DisconnectTokens },
): OwnSessionsService {
  const idleMs = (options.idleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES) * 60_000;

  function toAuthSession(row: ApiTokenRow, caller: Credential): AuthSession {
    const lastUsedAt = row.lastUsedAt ?? row.createdAt;
    const idleEnd = Math.min(lastUsedAt.getTime() + idleMs, row.expiresAt.getTime());
    return {
      id: row.id,
      current: row.tokenHash === caller.tokenHash,
      kind: row.via ?? 'cookie',
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: lastUsedAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      idleExpiresAt: new Date(idleEnd).toISOString(),
      userAgent: row.userAgent,
      address: row.address,
    };
  }

  return {
    async list(caller) {
      const now = options.clock.now().getTime();
      const rows = await store.tokens.list('session', caller.user.username);
      return {
        items: rows.filter((row) => !hasEnded(row, now, idleMs)).map((row) => toAuthSession(row, caller)),
      };
    },

    async end(caller, id) {
      refuseApiToken(caller);
      const row = await store.tokens.findById(id);
      // Another user's session, or an API token, is not there for this caller.
      if (!row || row.kind !== 'session' || row.username !== caller.user.username) {
        throw new NotFoundError('You have no session with this id.');
      }
      await store.tokens.remove(row.tokenHash);
      options.disconnect([row.tokenHash]);
    },

    async endOthers(caller) {
      refuseApiToken(caller);
      const hashes = await store.tokens.removeAllOf(caller.user.username, {
        keepTokenHash: caller.tokenHash,
        kind: 'session',
      });
      options.disconnect(hashes);
      return { ended: hashes.length };
    },
  };
}
