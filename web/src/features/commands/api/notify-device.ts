import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, notificationRecordSchema } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { applyNotification } from '../../../lib/live-updates/notifications';

/** Sends a P0 now (protocol §6). */
export function notifyDevice(devId: string) {
  return apiRequest(apiRoutes.notify(devId), notificationRecordSchema, { method: 'POST' });
}

export function useNotifyDevice(devId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => notifyDevice(devId),
    onSuccess: (record) => applyNotification(queryClient, record),
  });
}
