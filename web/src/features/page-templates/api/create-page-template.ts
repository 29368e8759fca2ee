import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, pageTemplateSchema, type CreatePageTemplateInput } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { pageTemplateKeys } from '../../../lib/queries/page-templates';

export function createPageTemplate(input: CreatePageTemplateInput) {
  return apiRequest(apiRoutes.pageTemplates, pageTemplateSchema, { method: 'POST', body: input });
}

export function useCreatePageTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPageTemplate,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pageTemplateKeys.all }),
  });
}
