import {
  infiniteQueryOptions,
  keepPreviousData,
  useInfiniteQuery,
  type InfiniteData,
} from '@tanstack/react-query';
import { apiRoutes, devicePageSchema, type DevicePage } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { deviceKeys, type DeviceListParams } from './device-keys';

const PAGE_SIZE = 100;

export type DevicePages = InfiniteData<DevicePage, string | undefined>;

export function getDevices(params: DeviceListParams, cursor: string | undefined, signal?: AbortSignal) {
  return apiRequest(apiRoutes.devices, devicePageSchema, {
    query: { ...params, limit: PAGE_SIZE, cursor },
    ...(signal ? { signal } : {}),
  });
}

export const getDevicesQueryOptions = (params: DeviceListParams) =>
  infiniteQueryOptions({
    queryKey: deviceKeys.list(params),
    queryFn: ({ pageParam, signal }) => getDevices(params, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keeps the old rows on screen while a new search or sort loads.
    placeholderData: keepPreviousData,
  });

/** Cursor-paged fleet list; pages are fetched as the table scrolls. */
export function useDevices(params: DeviceListParams) {
  return useInfiniteQuery(getDevicesQueryOptions(params));
}
