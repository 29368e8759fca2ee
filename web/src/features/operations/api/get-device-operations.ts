import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes, operationListSchema } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { operationKeys } from './operation-keys';

export const getDeviceOperationsQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: operationKeys.device(devId),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.deviceOperations(devId), operationListSchema, { query: { limit: 20 }, signal }),
  });

/** The device's firmware updates and software installs, newest first. */
export function useDeviceOperations(devId: string) {
  return useQuery(getDeviceOperationsQueryOptions(devId));
}
