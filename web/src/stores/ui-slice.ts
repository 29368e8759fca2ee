import type { StateCreator } from 'zustand';

export type ColorScheme = 'light' | 'dark';

export type UiSlice = {
  colorScheme: ColorScheme;
  toggleColorScheme: () => void;
};

function preferredScheme(): ColorScheme {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  colorScheme: preferredScheme(),
  toggleColorScheme: () => set((s) => ({ colorScheme: s.colorScheme === 'dark' ? 'light' : 'dark' })),
});
