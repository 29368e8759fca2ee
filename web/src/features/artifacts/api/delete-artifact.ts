import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes } from '@dmc/shared/api';
import { apiRequestVoid } from '../../../lib/api-client';
import { artifactKeys } from '../../../lib/queries/artifacts';

export function deleteArtifact(id: string) {
  return apiRequestVoid(apiRoutes.artifact(id), { method: 'DELETE' });
}

export function useDeleteArtifact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteArtifact,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: artifactKeys.all }),
  });
}
