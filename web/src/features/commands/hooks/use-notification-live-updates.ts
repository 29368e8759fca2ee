import { useQueryClient } from '@tanstack/react-query';
import type { NotificationList } from '@dmc/shared/api';
import { useSocketEvent } from '../../../hooks/use-socket-event';
import { commandKeys } from '../api/command-keys';
import { mergeNotification } from '../lib/merge-notification';

/** Patches the device's wake-ups on 'notification:updated': attempts, state and errors show live. */
export function useNotificationLiveUpdates(devId: string): void {
  const queryClient = useQueryClient();
  useSocketEvent('notification:updated', ({ notification }) => {
    if (notification.devId !== devId) return;
    queryClient.setQueryData<NotificationList>(commandKeys.notifications(devId), (old) =>
      mergeNotification(old, notification),
    );
  });
}
