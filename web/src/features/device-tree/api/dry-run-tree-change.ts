import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes, dryRunResultSchema, type QueueCommandInput } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { treeKeys } from './tree-keys';

export const dryRunQueryOptions = (devId: string, input: QueueCommandInput) =>
  queryOptions({
    queryKey: treeKeys.dryRun(devId, input),
    // A dry run changes nothing on the server: safe to repeat, so it is read like a query.
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.deviceCommandDryRun(devId), dryRunResultSchema, {
        method: 'POST',
        body: input,
        signal,
      }),
    staleTime: 0,
  });

/** What would go wrong if `input` were queued (POST …/commands/dry-run). */
export function useDryRun(devId: string, input: QueueCommandInput) {
  return useQuery(dryRunQueryOptions(devId, input));
}
