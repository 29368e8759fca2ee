import { create } from 'zustand';
import type { CommandState } from '@dmc/shared/api';

/** A command the tree queued (refresh, exec, committed change), followed until it ends. */
export type TrackedCommand = {
  id: string;
  label: string;
  clientUri: string;
  state: CommandState;
  sc: number | null;
};

type TrackedCommandsState = {
  byDevice: Record<string, TrackedCommand[]>;
  track: (devId: string, command: TrackedCommand) => void;
  update: (devId: string, id: string, state: CommandState, sc: number | null) => void;
};

const KEEP = 50;

export const useTrackedCommandsStore = create<TrackedCommandsState>()((set) => ({
  byDevice: {},
  track: (devId, command) =>
    set((s) => ({
      byDevice: { ...s.byDevice, [devId]: [command, ...(s.byDevice[devId] ?? [])].slice(0, KEEP) },
    })),
  update: (devId, id, state, sc) =>
    set((s) => {
      const list = s.byDevice[devId];
      if (!list?.some((c) => c.id === id)) return s;
      return {
        byDevice: { ...s.byDevice, [devId]: list.map((c) => (c.id === id ? { ...c, state, sc } : c)) },
      };
    }),
}));

const EMPTY: readonly TrackedCommand[] = [];

export function useTrackedCommands(devId: string): readonly TrackedCommand[] {
  return useTrackedCommandsStore((s) => s.byDevice[devId] ?? EMPTY);
}
