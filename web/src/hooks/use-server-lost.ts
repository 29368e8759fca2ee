import { isServerLost } from '../stores/connection-slice';
import { useAppStore } from '../stores/app-store';

/** Why actions that change things are off while the server is away (the banner says the same). */
export const SERVER_LOST_REASON = 'Not connected to the server: actions are disabled until it is back.';

/**
 * True while the console has lost the server (socket reconnecting or offline, or the API
 * unreachable). Controls that change things read it through `ActionButton` / `ActionIconButton`.
 */
export function useServerLost(): boolean {
  return useAppStore(isServerLost);
}
