import { queryOptions, useQuery } from '@tanstack/react-query';
import {
  alertPageSchema,
  apiRoutes,
  commandListSchema,
  notificationListSchema,
  sessionListSchema,
} from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { mergeTimeline } from '../lib/merge-timeline';
import { timelineKeys } from './timeline-keys';

const LIMIT = 100;

async function getDeviceTimeline(devId: string, signal: AbortSignal) {
  const [sessions, commands, alerts, notifications] = await Promise.all([
    apiRequest(apiRoutes.deviceSessions(devId), sessionListSchema, { query: { limit: LIMIT }, signal }),
    apiRequest(apiRoutes.deviceCommands(devId), commandListSchema, { query: { limit: LIMIT }, signal }),
    apiRequest(apiRoutes.alerts, alertPageSchema, { query: { devId, limit: LIMIT }, signal }),
    apiRequest(apiRoutes.deviceNotifications(devId), notificationListSchema, {
      query: { limit: LIMIT },
      signal,
    }),
  ]);
  return mergeTimeline({
    sessions: sessions.items,
    commands: commands.items,
    alerts: alerts.items,
    notifications: notifications.items,
  });
}

export const getDeviceTimelineQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: timelineKeys.device(devId),
    queryFn: ({ signal }) => getDeviceTimeline(devId, signal),
    staleTime: 0,
  });

/** Sessions, commands, alerts and wake-ups of one device in one list, newest first. */
export function useDeviceTimeline(devId: string) {
  return useQuery(getDeviceTimelineQueryOptions(devId));
}
