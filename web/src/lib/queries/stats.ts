import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, fleetStatsSchema } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

export const statsKeys = {
  all: ['stats'] as const,
  fleet: () => [...statsKeys.all, 'fleet'] as const,
};

/**
 * "Online now" and the per-minute buckets are windows over time: they change while nothing
 * happens (a device goes quiet, a minute passes), which no event announces. So besides the live
 * events, the stats are fetched again once a minute while the dashboard is open.
 */
const WINDOW_REFRESH_MS = 60_000;

export const fleetStatsQueryOptions = () =>
  queryOptions({
    queryKey: statsKeys.fleet(),
    queryFn: ({ signal }) => apiRequest(apiRoutes.stats, fleetStatsSchema, { signal }),
    staleTime: 0,
    refetchInterval: WINDOW_REFRESH_MS,
  });
