// API tokens for integrations (protocol §10): made with a name, a role no higher than the creator's
// and an expiry; the secret (`dmc_` and 192 random bits) is shown once and stored only as its hash.
// Listed (never the secret) and revoked by their owner, or by an admin. An API token makes no other
// token: a leaked one cannot mint more.
import {
  API_TOKEN_DEFAULT_DAYS,
  API_TOKEN_PREFIX,
  type ApiToken,
  type ApiTokenList,
  type CreateApiTokenInput,
  type CreatedApiToken,
} from '@dmc/shared/api';
import type { ApiTokenRow, Store } from '../../persistence/ports';
import type { Clock } from '../ports';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import type { Credential } from './auth.service';
import { newCredentialId } from './credential-ids';
import { can, exceeds } from './permissions';
import type { DisconnectTokens } from './session-revocation';
import { newToken, tokenHash } from './tokens';

/** API tokens one user may hold at once. */
export const MAX_API_TOKENS_PER_USER = 50;
const DAY_MS = 86_400_000;

export interface ApiTokenService {
  create(caller: Credential, input: CreateApiTokenInput): Promise<CreatedApiToken>;
  /** The caller's tokens; an admin's list has everyone's. */
  list(caller: Credential): Promise<ApiTokenList>;
  /** Revokes one of the caller's tokens (an admin: anyone's); 404 for any other id. */
  revoke(caller: Credential, id: string): Promise<void>;
}

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name ?? '',
    role: row.role ?? 'support',
    username: row.username,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
  };
}

export function createApiTokenService(
  store: Store,
  options: { clock: Clock; disconnect: DisconnectTokens },
): ApiTokenService {
  const seesAll = (caller: Credential) => can(caller.user.role, 'tokens:all');

  return {
    async create(caller, input) {
      if (caller.kind === 'api') {
        throw new ForbiddenError('An API token may not create API tokens; sign in to do it.');
      }
      const role = input.role ?? caller.user.role;
      if (exceeds(role, caller.user.role)) {
        throw new ForbiddenError(`A token's role may not exceed yours (${caller.user.role}).`);
      }
      if ((await store.tokens.count('api', caller.user.username)) >= MAX_API_TOKENS_PER_USER) {
        throw new ConflictError(
          `You hold ${MAX_API_TOKENS_PER_USER} API tokens already; revoke one before creating another.`,
        );
      }
      const now = options.clock.now();
      const expiresAt = new Date(now.getTime() + (input.expiresInDays ?? API_TOKEN_DEFAULT_DAYS) * DAY_MS);
      const token = `${API_TOKEN_PREFIX}${newToken()}`;
      const id = newCredentialId();
      await store.tokens.create({
        tokenHash: tokenHash(token),
        id,
        kind: 'api',
        via: null,
        name: input.name,
        role,
        username: caller.user.username,
        createdAt: now,
        lastUsedAt: null,
        expiresAt,
        userAgent: null,
        address: null,
      });
      return { id, name: input.name, role, token, expiresAt: expiresAt.toISOString() };
    },

    async list(caller) {
      const now = options.clock.now().getTime();
      const rows = await store.tokens.list('api', seesAll(caller) ? undefined : caller.user.username);
      return { items: rows.filter((row) => row.expiresAt.getTime() > now).map(toApiToken) };
    },

    async revoke(caller, id) {
      const row = await store.tokens.findById(id);
      if (!row || row.kind !== 'api' || (row.username !== caller.user.username && !seesAll(caller))) {
        throw new NotFoundError('No API token with this id.');
      }
      await store.tokens.remove(row.tokenHash);
      options.disconnect([row.tokenHash]);
    },
  };
}
