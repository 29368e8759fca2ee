import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, notificationRecordSchema, type NotificationList } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { mergeNotification } from '../lib/merge-notification';
import { commandKeys } from './command-keys';

/** Sends a P0 now (profile §6). */
export function notifyDevice(devId: string) {
  return apiRequest(apiRoutes.notify(devId), notificationRecordSchema, { method: 'POST' });
}

export function useNotifyDevice(devId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => notifyDevice(devId),
    onSuccess: (record) => {
      queryClient.setQueryData<NotificationList>(commandKeys.notifications(devId), (old) =>
        mergeNotification(old, record),
      );
    },
  });
}
