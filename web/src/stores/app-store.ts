import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { onApiReachability } from '../lib/reachability';
import { createUiSlice, type UiSlice } from './ui-slice';

export type AppState = UiSlice & ConnectionSlice;

/** UI-only state; server data lives in TanStack Query (ADR 0010). */
export const useAppStore = create<AppState>()(
  persist((...a) => ({ ...createUiSlice(...a), ...createConnectionSlice(...a) }), {
    name: 'dmc-ui',
    storage: createJSONStorage(() => localStorage),
    partialize: (s) => ({ colorScheme: s.colorScheme }),
  }),
);

onApiReachability((isUnreachable) => {
  if (useAppStore.getState().isApiUnreachable !== isUnreachable)
    useAppStore.getState().setApiUnreachable(isUnreachable);
});
