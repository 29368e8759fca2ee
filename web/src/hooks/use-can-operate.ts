import { useQuery } from '@tanstack/react-query';
import { apiRoutes, userSchema, type Role } from '@dmc/shared/api';
import { apiRequest } from '../lib/api-client';

/** Same cache entry as the auth feature's `me` query: the signed-in user. */
const ME_KEY = ['auth', 'me'] as const;

/** Roles that may queue, cancel, retry, wake, update, upload and delete (profile §8). */
const OPERATING_ROLES: readonly Role[] = ['admin', 'operator'];

/**
 * True when the signed-in user may change things. Support users are read-only: they get no such
 * controls (the API refuses them anyway). False while the user is still loading.
 */
export function useCanOperate(): boolean {
  const { data } = useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => apiRequest(apiRoutes.me, userSchema, { signal }),
    staleTime: Infinity,
    retry: false,
  });
  return data !== undefined && OPERATING_ROLES.includes(data.role);
}
