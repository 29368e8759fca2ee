import { useQuery } from '@tanstack/react-query';
import { meQueryOptions } from '../../../lib/queries/auth';

/** The signed-in user; a 401 means nobody is. */
export function useMe() {
  return useQuery(meQueryOptions());
}
