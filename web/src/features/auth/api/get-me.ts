import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes, userSchema } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { authKeys } from './auth-keys';

export const getMeQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => apiRequest(apiRoutes.me, userSchema, { signal }),
    staleTime: Infinity,
    retry: false,
  });

/** The signed-in user; a 401 means nobody is. */
export function useMe() {
  return useQuery(getMeQueryOptions());
}
