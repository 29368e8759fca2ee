import { useMutation } from '@tanstack/react-query';
import { apiRoutes, dryRunResultSchema, type QueueCommandInput } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';

/** POST …/commands/dry-run: what would happen, without queueing anything. */
export function dryRunCommand(devId: string, input: QueueCommandInput) {
  return apiRequest(`${apiRoutes.deviceCommands(devId)}/dry-run`, dryRunResultSchema, {
    method: 'POST',
    body: input,
  });
}

export function useDryRunCommand(devId: string) {
  return useMutation({ mutationFn: (input: QueueCommandInput) => dryRunCommand(devId, input) });
}
