// Ending a user's sessions (protocol §10): its session tokens are deleted from the database, so every
// instance refuses them (401), and its live sockets are disconnected on every instance at once.
import type { Repositories } from '../../persistence/ports';

/** Disconnects the live sockets of `username` on every instance, but those of `keepTokenHash`. */
export type DisconnectUser = (username: string, keepTokenHash?: string) => void;

export interface SessionRevocation {
  /**
   * Ends every session of `username` but the one of `keepTokenHash`. With `repos` (the caller's
   * transaction) the tokens go with the caller's change; call `disconnect` once it has committed.
   */
  revokeTokens(repos: Repositories, username: string, keepTokenHash?: string): Promise<number>;
  disconnect: DisconnectUser;
  /** Both at once, outside any transaction. */
  endSessionsOf(username: string, keepTokenHash?: string): Promise<void>;
}

export function createSessionRevocation(store: Repositories, disconnect: DisconnectUser): SessionRevocation {
  const revokeTokens = (repos: Repositories, username: string, keepTokenHash?: string) =>
    repos.tokens.removeAllOf(username, keepTokenHash);
  return {
    revokeTokens,
    disconnect,
    async endSessionsOf(username, keepTokenHash) {
      await revokeTokens(store, username, keepTokenHash);
      disconnect(username, keepTokenHash);
    },
  };
}
