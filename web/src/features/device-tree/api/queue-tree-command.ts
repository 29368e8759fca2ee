import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, queuedCommandSchema, type QueueCommandInput } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { commandKeys } from '../../../lib/queries/commands';

export function queueTreeCommand(devId: string, input: QueueCommandInput) {
  return apiRequest(apiRoutes.deviceCommands(devId), queuedCommandSchema, { method: 'POST', body: input });
}

/** Queues one command for the device (POST …/commands); the device's command list takes it in. */
export function useQueueTreeCommand(devId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: QueueCommandInput) => queueTreeCommand(devId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commandKeys.device(devId) }),
  });
}
