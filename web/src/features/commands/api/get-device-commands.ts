import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes, commandListSchema } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { commandKeys } from './command-keys';

export const getDeviceCommandsQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: commandKeys.device(devId),
    queryFn: ({ signal }) => apiRequest(apiRoutes.deviceCommands(devId), commandListSchema, { signal }),
    // Command events are applied only while the tab is open, so reopening it refetches.
    staleTime: 0,
  });

export function useDeviceCommands(devId: string) {
  return useQuery(getDeviceCommandsQueryOptions(devId));
}
