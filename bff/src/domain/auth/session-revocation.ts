// Ending sessions and API tokens (protocol §10): their rows are deleted from the database, so every
// instance refuses them (401), and their live sockets are disconnected on every instance at once.
import type { Repositories, TokenKind } from '../../persistence/ports';

/** Disconnects the live sockets of `username` on every instance, but those of `keepTokenHash`. */
export type DisconnectUser = (username: string, keepTokenHash?: string) => void;
/** Disconnects the live sockets of these sessions or API tokens (by hash) on every instance. */
export type DisconnectTokens = (tokenHashes: readonly string[]) => void;

export interface SocketDisconnect {
  user: DisconnectUser;
  tokens: DisconnectTokens;
}

export interface RevokeOptions {
  /** The caller's own session, kept. */
  keepTokenHash?: string;
  /** Only sessions, or only API tokens; both when absent. */
  kind?: TokenKind;
}

export interface SessionRevocation {
  /**
   * Ends the sessions and API tokens of `username` that `options` select; returns their hashes.
   * With `repos` (the caller's transaction) they go with the caller's change; call `disconnect`
   * once it has committed.
   */
  revokeTokens(repos: Repositories, username: string, options?: RevokeOptions): Promise<string[]>;
  /** Disconnects every socket of `username` (all its credentials ended), or only those of `hashes`. */
  disconnect(username: string, hashes: readonly string[], options?: RevokeOptions): void;
  /** Both at once, outside any transaction; returns how many ended. */
  endSessionsOf(username: string, options?: RevokeOptions): Promise<number>;
}

export function createSessionRevocation(store: Repositories, sockets: SocketDisconnect): SessionRevocation {
  const revokeTokens = (repos: Repositories, username: string, options: RevokeOptions = {}) =>
    repos.tokens.removeAllOf(username, options);
  const disconnect = (username: string, hashes: readonly string[], options: RevokeOptions = {}) => {
    // Every credential of the user ended: its user room also reaches a socket still joining.
    if (options.kind === undefined) sockets.user(username, options.keepTokenHash);
    else sockets.tokens(hashes);
  };
  return {
    revokeTokens,
    disconnect,
    async endSessionsOf(username, options) {
      const hashes = await revokeTokens(store, username, options);
      disconnect(username, hashes, options);
      return hashes.length;
    },
  };
}
