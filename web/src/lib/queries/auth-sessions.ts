import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, authSessionListSchema } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

/** The signed-in user's own console sessions (Account; protocol §10). */
export const authSessionKeys = {
  all: ['auth-sessions'] as const,
  list: () => [...authSessionKeys.all, 'list'] as const,
};

export const getAuthSessionsQueryOptions = () =>
  queryOptions({
    queryKey: authSessionKeys.list(),
    queryFn: ({ signal }) => apiRequest(apiRoutes.authSessions, authSessionListSchema, { signal }),
  });
