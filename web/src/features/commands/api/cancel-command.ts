import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, commandRecordSchema } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { commandKeys } from '../../../lib/queries/commands';

export function cancelCommand(id: string) {
  return apiRequest(apiRoutes.cancelCommand(id), commandRecordSchema, { method: 'POST' });
}

export function useCancelCommand(devId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelCommand,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: commandKeys.device(devId) }),
        queryClient.invalidateQueries({ queryKey: commandKeys.lists() }),
      ]),
  });
}
