import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, devicePageSchema, savedViewListSchema } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

export const viewKeys = {
  all: ['views'] as const,
  list: () => [...viewKeys.all, 'list'] as const,
  /** How many devices a fleet query matches now (a saved view's live count). */
  count: (query: string) => [...viewKeys.all, 'count', query] as const,
};

/** Every saved view, by name; shared by the team. Refetched after a change this console makes. */
export const savedViewsQueryOptions = () =>
  queryOptions({
    queryKey: viewKeys.list(),
    queryFn: ({ signal }) => apiRequest(apiRoutes.views, savedViewListSchema, { signal }),
    staleTime: 30_000,
  });

/** The number of devices `query` matches: the total of a one-row page of the device list. */
export const matchCountQueryOptions = (query: string) =>
  queryOptions({
    queryKey: viewKeys.count(query),
    queryFn: async ({ signal }) =>
      (await apiRequest(apiRoutes.devices, devicePageSchema, { query: { query, limit: 1 }, signal })).total,
    refetchInterval: 10_000,
  });
