import { queryOptions } from '@tanstack/react-query';
import { alertStatsSchema, apiRoutes, fleetStatsSchema, type AlertStatBucket } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

export const statsKeys = {
  all: ['stats'] as const,
  fleet: () => [...statsKeys.all, 'fleet'] as const,
  alerts: () => [...statsKeys.all, 'alerts'] as const,
  alertsBy: (bucket: AlertStatBucket) => [...statsKeys.alerts(), bucket] as const,
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

/** Alerts by type over time (protocol §13); live alerts invalidate it at most every few seconds. */
export const alertStatsQueryOptions = (bucket: AlertStatBucket) =>
  queryOptions({
    queryKey: statsKeys.alertsBy(bucket),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.alertStats, alertStatsSchema, { query: { bucket }, signal }),
    refetchInterval: WINDOW_REFRESH_MS,
  });
