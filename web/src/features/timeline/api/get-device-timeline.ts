import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import type { AlertPage, CommandList, NotificationList, SessionList } from '@dmc/shared/api';
import type { ApiError } from '../../../lib/api-error';
import { alertsQueryOptions } from '../../../lib/queries/alerts';
import { deviceCommandsQueryOptions } from '../../../lib/queries/commands';
import { deviceNotificationsQueryOptions } from '../../../lib/queries/notifications';
import { deviceSessionsQueryOptions } from '../../../lib/queries/sessions';
import { mergeTimeline, type TimelineEntry } from '../lib/merge-timeline';

const LIMIT = 100;

export type DeviceTimeline =
  | { data: TimelineEntry[]; error: null; isPending: false }
  | { data: undefined; error: ApiError; isPending: false }
  | { data: undefined; error: null; isPending: true };

function combine([sessions, commands, alerts, notifications]: [
  UseQueryResult<SessionList>,
  UseQueryResult<CommandList>,
  UseQueryResult<AlertPage>,
  UseQueryResult<NotificationList>,
]): DeviceTimeline {
  const error = sessions.error ?? commands.error ?? alerts.error ?? notifications.error;
  if (error) return { data: undefined, error, isPending: false };
  if (!sessions.data || !commands.data || !alerts.data || !notifications.data) {
    return { data: undefined, error: null, isPending: true };
  }
  const data = mergeTimeline({
    sessions: sessions.data.items,
    commands: commands.data.items,
    alerts: alerts.data.items.slice(0, LIMIT),
    notifications: notifications.data.items,
  });
  return { data, error: null, isPending: false };
}

/**
 * Sessions, commands, alerts and wake-ups of one device in one list, newest first. Each part is the
 * device's own cache entry (shared with the Commands and Alerts tabs), so live events that patch
 * them move the timeline too.
 */
export function useDeviceTimeline(devId: string): DeviceTimeline {
  return useQueries({
    queries: [
      deviceSessionsQueryOptions(devId),
      deviceCommandsQueryOptions(devId),
      alertsQueryOptions({ devId }),
      deviceNotificationsQueryOptions(devId, LIMIT),
    ],
    combine,
  });
}
