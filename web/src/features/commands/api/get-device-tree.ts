import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes, deviceTreeSchema } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { commandKeys } from './command-keys';

export const getComposerTreeQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: commandKeys.tree(devId),
    queryFn: ({ signal }) => apiRequest(apiRoutes.deviceTree(devId), deviceTreeSchema, { signal }),
  });

/** The device's last-known tree, for ClientURI completion and its DevInfo instance. */
export function useComposerTree(devId: string) {
  return useQuery(getComposerTreeQueryOptions(devId));
}
