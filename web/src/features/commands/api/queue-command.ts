import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, queuedCommandSchema, type QueueCommandInput } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { commandKeys } from '../../../lib/queries/commands';

export function queueCommand(devId: string, input: QueueCommandInput) {
  return apiRequest(apiRoutes.deviceCommands(devId), queuedCommandSchema, { method: 'POST', body: input });
}

/** Queues a command; the history refetches to show it with its full record. */
export function useQueueCommand(devId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: QueueCommandInput) => queueCommand(devId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commandKeys.device(devId) }),
  });
}
