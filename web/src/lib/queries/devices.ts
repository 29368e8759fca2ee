import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  type InfiniteData,
} from '@tanstack/react-query';
import {
  apiRoutes,
  devicePageSchema,
  deviceSchema,
  type DevicePage,
  type DeviceSortField,
} from '@dmc/shared/api';
import { apiRequest } from '../api-client';

export type SortOrder = 'asc' | 'desc';

/** The list state sent to the server (it lives in the URL): free text, fleet query, sort. */
export type DeviceListParams = { q: string; query: string; sort: DeviceSortField; order: SortOrder };

export type DevicePages = InfiniteData<DevicePage, string | undefined>;

export const deviceKeys = {
  all: ['devices'] as const,
  lists: () => [...deviceKeys.all, 'list'] as const,
  list: (params: DeviceListParams) => [...deviceKeys.lists(), params] as const,
  details: () => [...deviceKeys.all, 'detail'] as const,
  detail: (devId: string) => [...deviceKeys.details(), devId] as const,
};

const PAGE_SIZE = 100;

/** One device as the header shows it; 'device:updated' replaces it in place. */
export const deviceQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: deviceKeys.detail(devId),
    queryFn: ({ signal }) => apiRequest(apiRoutes.device(devId), deviceSchema, { signal }),
  });

/** Cursor-paged fleet list; pages are fetched as the table scrolls. */
export const deviceListQueryOptions = (params: DeviceListParams) =>
  infiniteQueryOptions({
    queryKey: deviceKeys.list(params),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(apiRoutes.devices, devicePageSchema, {
        query: { ...params, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keeps the old rows on screen while a new search or sort loads.
    placeholderData: keepPreviousData,
  });

/** How many devices "Go to DevID" suggests. */
export const SUGGESTION_COUNT = 8;

/** Devices whose DevID (or model, manufacturer, firmware) contains `text`, for the top bar's box. */
export const deviceSuggestionsQueryOptions = (text: string) =>
  queryOptions({
    queryKey: [...deviceKeys.all, 'suggestions', text] as const,
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.devices, devicePageSchema, {
        query: { q: text, sort: 'devId', order: 'asc', limit: SUGGESTION_COUNT },
        signal,
      }),
    enabled: text !== '',
    staleTime: 10_000,
    placeholderData: keepPreviousData,
  });
