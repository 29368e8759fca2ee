import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, retriedCommandSchema } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { commandKeys } from '../../../lib/queries/commands';

/** Queues a failed, expired or cancelled command again as a new command. */
export function retryCommand(id: string) {
  return apiRequest(apiRoutes.retryCommand(id), retriedCommandSchema, { method: 'POST', body: {} });
}

export function useRetryCommand(devId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryCommand,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: commandKeys.device(devId) }),
        queryClient.invalidateQueries({ queryKey: commandKeys.lists() }),
      ]),
  });
}
