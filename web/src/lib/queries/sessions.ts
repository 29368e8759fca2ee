import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, sessionListSchema } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

export const sessionKeys = {
  all: ['sessions'] as const,
  device: (devId: string) => [...sessionKeys.all, 'device', devId] as const,
};

/** The device's latest DM sessions, newest first. */
export const deviceSessionsQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: sessionKeys.device(devId),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.deviceSessions(devId), sessionListSchema, { query: { limit: 100 }, signal }),
  });
