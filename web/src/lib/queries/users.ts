import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, userListSchema } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

/** Console users (Admin → Users; protocol §10). */
export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
};

export const getUsersQueryOptions = () =>
  queryOptions({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => apiRequest(apiRoutes.users, userListSchema, { signal }),
  });
