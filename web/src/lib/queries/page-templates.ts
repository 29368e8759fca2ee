import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, pageTemplateListSchema } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

/** Shared by the Pages page and the command composer's SHOW template picker. */
export const pageTemplateKeys = {
  all: ['page-templates'] as const,
  list: () => [...pageTemplateKeys.all, 'list'] as const,
};

export const getPageTemplatesQueryOptions = () =>
  queryOptions({
    queryKey: pageTemplateKeys.list(),
    queryFn: ({ signal }) => apiRequest(apiRoutes.pageTemplates, pageTemplateListSchema, { signal }),
  });
