import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes, deviceSchema } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { deviceKeys } from './device-keys';

export const getDeviceQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: deviceKeys.detail(devId),
    queryFn: ({ signal }) => apiRequest(apiRoutes.device(devId), deviceSchema, { signal }),
  });

export function useDevice(devId: string) {
  return useQuery(getDeviceQueryOptions(devId));
}
