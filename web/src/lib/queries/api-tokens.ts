import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, apiTokenListSchema } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

/** API tokens: the user's own, or everyone's for an admin (Account; protocol §10). */
export const apiTokenKeys = {
  all: ['api-tokens'] as const,
  list: () => [...apiTokenKeys.all, 'list'] as const,
};

export const getApiTokensQueryOptions = () =>
  queryOptions({
    queryKey: apiTokenKeys.list(),
    queryFn: ({ signal }) => apiRequest(apiRoutes.apiTokens, apiTokenListSchema, { signal }),
  });
