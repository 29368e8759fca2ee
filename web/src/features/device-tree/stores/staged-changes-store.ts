import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { StagedChange, StagedChangeDraft } from '../lib/staged-change';

type StagedChangesState = {
  /** Changes per DevID, in the order they will be queued. */
  byDevice: Record<string, StagedChange[]>;
  /** Adds a change; a newer change of the same node and kind replaces the older one. */
  stage: (devId: string, draft: StagedChangeDraft) => void;
  unstage: (devId: string, id: string) => void;
  clear: (devId: string) => void;
};

let counter = 0;
const newId = () => `${Date.now().toString(36)}-${(counter += 1)}`;

/** UI state only: nothing here is queued until the drawer commits (ADR 0010). */
export const useStagedChangesStore = create<StagedChangesState>()(
  persist(
    (set) => ({
      byDevice: {},
      stage: (devId, draft) =>
        set((s) => {
          const list = s.byDevice[devId] ?? [];
          const kept = list.filter((c) => !(c.clientUri === draft.clientUri && c.kind === draft.kind));
          return { byDevice: { ...s.byDevice, [devId]: [...kept, { ...draft, id: newId() }] } };
        }),
      unstage: (devId, id) =>
        set((s) => ({
          byDevice: { ...s.byDevice, [devId]: (s.byDevice[devId] ?? []).filter((c) => c.id !== id) },
        })),
      clear: (devId) =>
        set((s) => {
          const { [devId]: _dropped, ...rest } = s.byDevice;
          return { byDevice: rest };
        }),
    }),
    // The session's tab keeps its drafts across reloads; other tabs and sign-ins start empty.
    { name: 'dmc-staged-changes', storage: createJSONStorage(() => sessionStorage) },
  ),
);

const EMPTY: readonly StagedChange[] = [];

export function useStagedChanges(devId: string): readonly StagedChange[] {
  return useStagedChangesStore((s) => s.byDevice[devId] ?? EMPTY);
}
