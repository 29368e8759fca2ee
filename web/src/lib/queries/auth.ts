import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, userSchema } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

/** The signed-in user; a 401 means nobody is. Read by the shell, the login page and role checks. */
export const meQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => apiRequest(apiRoutes.me, userSchema, { signal }),
    staleTime: Infinity,
    retry: false,
  });
