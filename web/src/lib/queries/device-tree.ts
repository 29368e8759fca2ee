import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, deviceTreeSchema, dryRunResultSchema, type QueueCommandInput } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

/**
 * One cache entry per device's tree, read by the tree explorer, the command composer, the updates
 * tab and the inventory refresh. 'tree:changed' patches it in place while the device is watched.
 */
export const treeKeys = {
  all: ['tree'] as const,
  device: (devId: string) => [...treeKeys.all, devId] as const,
  /** Dry runs sit under the device's tree: a tree change re-checks them. */
  dryRuns: (devId: string) => [...treeKeys.device(devId), 'dry-run'] as const,
  dryRun: (devId: string, input: QueueCommandInput) => [...treeKeys.dryRuns(devId), input] as const,
};

/**
 * The last-known MO instances of a device (protocol §8). Events keep it current while the device is
 * watched, so it is not fetched again on every mount; leaving the device marks it stale
 * (`useDeviceWatch`).
 */
export const deviceTreeQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: treeKeys.device(devId),
    queryFn: ({ signal }) => apiRequest(apiRoutes.deviceTree(devId), deviceTreeSchema, { signal }),
    staleTime: Infinity,
  });

/** What would go wrong if `input` were queued (POST …/commands/dry-run). */
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
