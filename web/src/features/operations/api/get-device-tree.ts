import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes, deviceTreeSchema } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { operationKeys } from './operation-keys';

export const getOperationTreeQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: operationKeys.tree(devId),
    queryFn: ({ signal }) => apiRequest(apiRoutes.deviceTree(devId), deviceTreeSchema, { signal }),
  });

export function useOperationTree(devId: string) {
  return useQuery(getOperationTreeQueryOptions(devId));
}
