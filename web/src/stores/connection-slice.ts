import type { StateCreator } from 'zustand';

/** Socket state as the top bar shows it. */
export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline';

export type ConnectionSlice = {
  connection: ConnectionStatus;
  setConnection: (status: ConnectionStatus) => void;
};

export const createConnectionSlice: StateCreator<ConnectionSlice, [], [], ConnectionSlice> = (set) => ({
  connection: 'idle',
  setConnection: (connection) => set({ connection }),
});
