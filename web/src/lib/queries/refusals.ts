import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, refusalListSchema } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

export const refusalKeys = {
  all: ['refusals'] as const,
  device: (devId: string) => [...refusalKeys.all, 'device', devId] as const,
};

/** Kept fresh by 'device:refused' events while the device is watched, so not refetched on every mount. */
const STALE_MS = 60_000;

/** The device's last refused contacts, newest first. */
export const deviceRefusalsQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: refusalKeys.device(devId),
    queryFn: ({ signal }) => apiRequest(apiRoutes.deviceRefusals(devId), refusalListSchema, { signal }),
    staleTime: STALE_MS,
  });
