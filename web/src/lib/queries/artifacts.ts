import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, artifactListSchema } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

/** Shared by the Artifacts page and the device page's artifact picker. */
export const artifactKeys = {
  all: ['artifacts'] as const,
  list: () => [...artifactKeys.all, 'list'] as const,
};

export const getArtifactsQueryOptions = () =>
  queryOptions({
    queryKey: artifactKeys.list(),
    queryFn: ({ signal }) => apiRequest(apiRoutes.artifacts, artifactListSchema, { signal }),
  });
