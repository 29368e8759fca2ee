import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, inspectedSessionSchema, sessionListSchema } from '@dmc/shared/api';
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

/** One page of the session inspector's list (refused contacts included), newest first. */
export const deviceSessionPageQueryOptions = (devId: string, cursor: string | undefined) =>
  queryOptions({
    queryKey: [...sessionKeys.device(devId), 'page', cursor ?? null] as const,
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.deviceSessions(devId), sessionListSchema, {
        query: { limit: 25, ...(cursor === undefined ? {} : { cursor }) },
        signal,
      }),
  });

/** One session with its packages, redacted and explained (profile §13). */
export const inspectedSessionQueryOptions = (devId: string, sessionId: string) =>
  queryOptions({
    queryKey: [...sessionKeys.device(devId), 'inspect', sessionId] as const,
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.deviceSession(devId, sessionId), inspectedSessionSchema, { signal }),
  });
