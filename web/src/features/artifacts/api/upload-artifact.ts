import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ARTIFACT_UPLOAD_MEDIA_TYPE, apiRoutes, artifactSchema } from '@dmc/shared/api';
import type { ArtifactCompatibility } from '@dmc/shared/firmware';
import { apiRequest } from '../../../lib/api-client';
import { artifactKeys } from '../../../lib/queries/artifacts';

export type UploadArtifactInput = {
  file: Blob;
  name: string;
  version: string;
  moid?: string;
  /** The DevInfo values it fits (protocol §11); absent lists fit any value. */
  compatible?: ArtifactCompatibility;
};

/**
 * POST /api/v1/artifacts: the raw bytes, with name, version, MOID and the compatible lists
 * (`compatibleMan`, `compatibleMod`, `compatibleHwV`, repeated per value) in the query (protocol §8, §11).
 */
export function uploadArtifact({ file, name, version, moid, compatible }: UploadArtifactInput) {
  return apiRequest(apiRoutes.artifacts, artifactSchema, {
    method: 'POST',
    query: {
      name,
      version,
      moid,
      compatibleMan: compatible?.Man,
      compatibleMod: compatible?.Mod,
      compatibleHwV: compatible?.HwV,
    },
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
