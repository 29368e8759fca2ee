import type { StateCreator } from 'zustand';

/** Socket state as the top bar shows it. */
export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline';

export type ConnectionSlice = {
  connection: ConnectionStatus;
  setConnection: (status: ConnectionStatus) => void;
  /** The last API request found no server (a network failure, or a gateway's 502/504). */
  isApiUnreachable: boolean;
  setApiUnreachable: (isUnreachable: boolean) => void;
};

export const createConnectionSlice: StateCreator<ConnectionSlice, [], [], ConnectionSlice> = (set) => ({
  connection: 'idle',
  setConnection: (connection) => set({ connection }),
  isApiUnreachable: false,
  setApiUnreachable: (isApiUnreachable) => set({ isApiUnreachable }),
});

/** The console has lost the server: the socket is reconnecting or gone, or the API does not answer. */
export function isServerLost(state: Pick<ConnectionSlice, 'connection' | 'isApiUnreachable'>): boolean {
  return state.connection === 'reconnecting' || state.connection === 'offline' || state.isApiUnreachable;
}
