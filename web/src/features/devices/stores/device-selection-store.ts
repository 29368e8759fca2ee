import { create } from 'zustand';

/**
 * Rows chosen on the Devices page for bulk work. UI state only. A selection belongs to the list it
 * was made in (`scope`: the search and fleet query); another list starts with nothing selected.
 * `allMatching` stands for every device the fleet query matches, loaded or not.
 */
type SelectionState = {
  scope: string;
  ids: ReadonlySet<string>;
  allMatching: boolean;
  toggle: (scope: string, devId: string) => void;
  setMany: (scope: string, devIds: readonly string[], selected: boolean) => void;
  /** Exactly `devIds`, nothing else. */
  only: (scope: string, devIds: readonly string[]) => void;
  selectAllMatching: (scope: string) => void;
  clear: () => void;
};

const NONE: ReadonlySet<string> = new Set();

export const useDeviceSelectionStore = create<SelectionState>()((set) => ({
  scope: '',
  ids: NONE,
  allMatching: false,
  toggle: (scope, devId) =>
    set((s) => {
      const ids = new Set(s.scope === scope ? s.ids : NONE);
      if (ids.has(devId)) ids.delete(devId);
      else ids.add(devId);
      return { scope, ids, allMatching: false };
    }),
  setMany: (scope, devIds, selected) =>
    set((s) => {
      const ids = new Set(s.scope === scope ? s.ids : NONE);
      for (const devId of devIds) {
        if (selected) ids.add(devId);
        else ids.delete(devId);
      }
      return { scope, ids, allMatching: false };
    }),
  only: (scope, devIds) => set({ scope, ids: new Set(devIds), allMatching: false }),
  selectAllMatching: (scope) =>
    set((s) => ({ scope, ids: s.scope === scope ? s.ids : NONE, allMatching: true })),
  clear: () => set({ ids: NONE, allMatching: false }),
}));

/** The selection of the list `scope` (empty when it was made in another list). */
export function useDeviceSelection(scope: string): { ids: ReadonlySet<string>; allMatching: boolean } {
  const state = useDeviceSelectionStore();
  return state.scope === scope
    ? { ids: state.ids, allMatching: state.allMatching }
    : { ids: NONE, allMatching: false };
}
