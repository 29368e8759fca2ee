import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  apiRoutes,
  operationRecordSchema,
  type OperationRecord,
  type StartFirmwareUpdateInput,
} from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { operationKeys } from '../../../lib/queries/operations';

export type OperationKind = OperationRecord['kind'];

/** Both bodies have the same shape: artifact, optional instance, optional consent. */
export type StartOperationInput = StartFirmwareUpdateInput & { kind: OperationKind };

export function startOperation(devId: string, { kind, ...body }: StartOperationInput) {
  const path =
    kind === 'firmware-update'
      ? apiRoutes.deviceFirmwareUpdates(devId)
      : apiRoutes.deviceSoftwareInstalls(devId);
  return apiRequest(path, operationRecordSchema, { method: 'POST', body });
}

export function useStartOperation(devId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StartOperationInput) => startOperation(devId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: operationKeys.device(devId) }),
  });
}
