import { queryOptions } from '@tanstack/react-query';
import { apiRoutes, notificationListSchema } from '@dmc/shared/api';
import { apiRequest } from '../api-client';

export const notificationKeys = {
  all: ['notifications'] as const,
  device: (devId: string) => [...notificationKeys.all, devId] as const,
  /** The latest `limit` wake-ups of the device, newest first. */
  list: (devId: string, limit: number) => [...notificationKeys.device(devId), limit] as const,
};

/** How many wake-ups the Commands tab's status reads (only the latest is shown). */
export const LATEST_NOTIFICATIONS = 5;

/** The device's wake-ups (P0), kept live by 'notification:updated'. */
export const deviceNotificationsQueryOptions = (devId: string, limit = LATEST_NOTIFICATIONS) =>
  queryOptions({
    queryKey: notificationKeys.list(devId, limit),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.deviceNotifications(devId), notificationListSchema, {
        query: { limit },
        signal,
      }),
  });
