import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ARTIFACT_UPLOAD_MEDIA_TYPE, apiRoutes, artifactSchema } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { artifactKeys } from '../../../lib/queries/artifacts';

export type UploadArtifactInput = { file: Blob; name: string; version: string; moid?: string };

/** POST /api/v1/artifacts: the raw bytes, with name, version and MOID in the query (protocol §8). */
export function uploadArtifact({ file, name, version, moid }: UploadArtifactInput) {
  return apiRequest(apiRoutes.artifacts, artifactSchema, {
    method: 'POST',
    query: { name, version, moid },
    rawBody: { data: file, contentType: ARTIFACT_UPLOAD_MEDIA_TYPE },
  });
}

export function useUploadArtifact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadArtifact,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: artifactKeys.all }),
  });
}
