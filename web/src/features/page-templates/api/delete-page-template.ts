import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes } from '@dmc/shared/api';
import { apiRequestVoid } from '../../../lib/api-client';
import { pageTemplateKeys } from '../../../lib/queries/page-templates';

export function deletePageTemplate(id: string) {
  return apiRequestVoid(apiRoutes.pageTemplate(id), { method: 'DELETE' });
}

export function useDeletePageTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePageTemplate,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pageTemplateKeys.all }),
  });
}
