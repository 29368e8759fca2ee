import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes, notificationListSchema } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { commandKeys } from './command-keys';

export const getDeviceNotificationsQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: commandKeys.notifications(devId),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.deviceNotifications(devId), notificationListSchema, {
        query: { limit: 5 },
        signal,
      }),
  });

/** The device's latest wake-ups, kept live by 'notification:updated'. */
export function useDeviceNotifications(devId: string) {
  return useQuery(getDeviceNotificationsQueryOptions(devId));
}
