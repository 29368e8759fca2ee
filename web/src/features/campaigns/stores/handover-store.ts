import { create } from 'zustand';

/**
 * Devices picked on the Devices page and handed to the New campaign form. UI state only: which
 * rows the user chose; the form reads it once and the campaign carries the list from then on.
 */
type HandoverState = {
  devIds: readonly string[];
  handOver: (devIds: readonly string[]) => void;
};

export const useCampaignHandoverStore = create<HandoverState>()((set) => ({
  devIds: [],
  handOver: (devIds) => set({ devIds }),
}));
