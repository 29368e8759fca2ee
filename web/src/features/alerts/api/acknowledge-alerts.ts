import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { alertListSchema, alertRecordSchema, apiRoutes, type AlertRecord } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { applyAlertsAcknowledged } from '../../../lib/live-updates/alerts';

/** One alert goes to its own route (it answers with the alert even when acknowledged before). */
async function acknowledge(ids: readonly string[]): Promise<AlertRecord[]> {
  const [only] = ids;
  if (ids.length === 1 && only !== undefined) {
    return [await apiRequest(apiRoutes.acknowledgeAlert(only), alertRecordSchema, { method: 'POST' })];
  }
  const list = await apiRequest(apiRoutes.acknowledgeAlerts, alertListSchema, {
    method: 'POST',
    body: { ids },
  });
  return list.items;
}

/** Acknowledges alerts; the cached lists update from the answer (the live event repeats it). */
export function useAcknowledgeAlerts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acknowledge,
    onSuccess: (alerts, ids) => {
      applyAlertsAcknowledged(queryClient, alerts);
      const message =
        ids.length === 1
          ? 'Alert acknowledged.'
          : `${alerts.length} of ${ids.length} alerts acknowledged${alerts.length < ids.length ? ' (the rest were already)' : ''}.`;
      notifications.show({ color: 'teal', message, autoClose: 3_000 });
    },
    onError: (error) => {
      notifications.show({
        color: 'red',
        title: 'Could not acknowledge',
        message: `${error.message} (${error.code})`,
      });
    },
  });
}
