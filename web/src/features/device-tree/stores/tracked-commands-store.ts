import { create } from 'zustand';

/**
 * A command the tree queued (refresh, exec, committed change), remembered so the node shows it.
 * UI state only: which commands this view started. Their states are read from the device's
 * cached command list (`useNodeCommands`).
 */
export type TrackedCommand = {
  id: string;
  label: string;
  clientUri: string;
};

type TrackedCommandsState = {
  byDevice: Record<string, TrackedCommand[]>;
  track: (devId: string, command: TrackedCommand) => void;
};

const KEEP = 50;

export const useTrackedCommandsStore = create<TrackedCommandsState>()((set) => ({
  byDevice: {},
  track: (devId, command) =>
    set((s) => ({
      byDevice: { ...s.byDevice, [devId]: [command, ...(s.byDevice[devId] ?? [])].slice(0, KEEP) },
    })),
}));

const EMPTY: readonly TrackedCommand[] = [];

export function useTrackedCommands(devId: string): readonly TrackedCommand[] {
  return useTrackedCommandsStore((s) => s.byDevice[devId] ?? EMPTY);
}
