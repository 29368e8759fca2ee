import { useQuery } from '@tanstack/react-query';
import type { Role } from '@dmc/shared/api';
import { meQueryOptions } from '../lib/queries/auth';

/** Roles that may queue, cancel, retry, wake, update, upload and delete (protocol §8). */
const OPERATING_ROLES: readonly Role[] = ['admin', 'operator'];

/**
 * True when the signed-in user may change things. Support users are read-only: they get no such
 * controls (the API refuses them anyway). False while the user is still loading.
 */
export function useCanOperate(): boolean {
  const { data } = useQuery(meQueryOptions());
  return data !== undefined && OPERATING_ROLES.includes(data.role);
}
