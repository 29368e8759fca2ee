import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, commandListSchema } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

export const commandKeys = {
  all: ['commands'] as const,
  device: (devId: string) => [...commandKeys.all, 'device', devId] as const,
};

/**
 * The device's queue and history (the newest 100), read by the Commands tab, the timeline and the
 * tree's command badges. Every 'command:state-changed' reaches every console, so the live-update
 * hook keeps this entry current wherever it is shown.
 */
export const deviceCommandsQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: commandKeys.device(devId),
    queryFn: ({ signal }) => apiRequest(apiRoutes.deviceCommands(devId), commandListSchema, { signal }),
  });
