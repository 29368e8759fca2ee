import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes, deviceTreeSchema } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { treeKeys } from './tree-keys';

export const getDeviceTreeQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: treeKeys.device(devId),
    queryFn: ({ signal }) => apiRequest(apiRoutes.deviceTree(devId), deviceTreeSchema, { signal }),
    // Tree events are applied only while the tab is open, so reopening it refetches.
    staleTime: 0,
  });

/** The last-known MO instances of a device (profile §8). */
export function useDeviceTree(devId: string) {
  return useQuery(getDeviceTreeQueryOptions(devId));
}
