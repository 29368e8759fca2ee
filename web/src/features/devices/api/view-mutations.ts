import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, savedViewSchema, type CreateViewInput, type UpdateViewInput } from '@dmc/shared/api';
import { apiRequest, apiRequestVoid } from '../../../lib/api-client';
import { viewKeys } from '../../../lib/queries/views';

/** POST /views: save the current query, sort and columns under a name. */
export function useSaveView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateViewInput) =>
      apiRequest(apiRoutes.views, savedViewSchema, { method: 'POST', body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: viewKeys.list() }),
  });
}

/** PATCH /views/:id: rename (the creator or an admin). */
export function useUpdateView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateViewInput & { id: string }) =>
      apiRequest(apiRoutes.view(id), savedViewSchema, { method: 'PATCH', body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: viewKeys.list() }),
  });
}

/** DELETE /views/:id (the creator or an admin). */
export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequestVoid(apiRoutes.view(id), { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: viewKeys.list() }),
  });
}
