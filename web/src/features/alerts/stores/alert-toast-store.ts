import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** How long alert toasts stay muted: an epoch time, until turned back on, or not muted. */
export type MutedUntil = number | 'always' | null;

type AlertToastState = {
  mutedUntil: MutedUntil;
  mute: (until: MutedUntil) => void;
};

/** The "Mute alert toasts" choice, kept in this browser (UI state only, ADR 0010). */
export const useAlertToastStore = create<AlertToastState>()(
  persist(
    (set) => ({
      mutedUntil: null,
      mute: (mutedUntil) => set({ mutedUntil }),
    }),
    {
      name: 'dmc-alert-toasts',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ mutedUntil: s.mutedUntil }),
    },
  ),
);

export function isMuted(mutedUntil: MutedUntil, now: number): boolean {
  return mutedUntil === 'always' || (typeof mutedUntil === 'number' && mutedUntil > now);
}
