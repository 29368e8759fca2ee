import type { DeviceSortField } from '@dmc/shared/api';

export type SortOrder = 'asc' | 'desc';

/** The list state sent to the server (it lives in the URL): free text, fleet query, sort. */
export type DeviceListParams = { q: string; query: string; sort: DeviceSortField; order: SortOrder };

export const deviceKeys = {
  all: ['devices'] as const,
  lists: () => [...deviceKeys.all, 'list'] as const,
  list: (params: DeviceListParams) => [...deviceKeys.lists(), params] as const,
  details: () => [...deviceKeys.all, 'detail'] as const,
  detail: (devId: string) => [...deviceKeys.details(), devId] as const,
};
