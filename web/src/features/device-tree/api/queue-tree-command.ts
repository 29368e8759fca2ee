import { useMutation } from '@tanstack/react-query';
import { apiRoutes, queuedCommandSchema, type QueueCommandInput } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';

export function queueTreeCommand(devId: string, input: QueueCommandInput) {
  return apiRequest(apiRoutes.deviceCommands(devId), queuedCommandSchema, { method: 'POST', body: input });
}

/** Queues one command for the device (POST …/commands). */
export function useQueueTreeCommand(devId: string) {
  return useMutation({ mutationFn: (input: QueueCommandInput) => queueTreeCommand(devId, input) });
}
