import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { AlertPage } from '@dmc/shared/api';
import { useSocketEvent } from '../../../hooks/use-socket-event';
import { alertKeys, type AlertListParams } from '../api/alert-keys';
import { ALERT_LIST_LIMIT } from '../api/get-alerts';
import { matchesAlertList } from '../lib/alert-filters';
import { applyAcknowledged } from '../lib/apply-acknowledged';

const TOAST_MARKS = new Set(['critical', 'fatal']);

/**
 * Prepends each 'alert:received' to the cached lists whose filters it matches, applies
 * 'alert:acknowledged' from any console, and raises a toast for critical and fatal alerts anywhere
 * in the console (ux.md, Alerts). Mounted once, in the shell.
 */
export function useAlertLiveUpdates(): void {
  const queryClient = useQueryClient();
  useSocketEvent('alert:received', ({ alert }) => {
    const now = Date.now();
    for (const query of queryClient.getQueryCache().findAll({ queryKey: alertKeys.lists() })) {
      const params = query.queryKey[2] as AlertListParams | undefined;
      if (!params || !matchesAlertList(params, alert, now)) continue;
      queryClient.setQueryData<AlertPage>(query.queryKey, (old) => {
        if (!old || old.items.some((a) => a.id === alert.id)) return old;
        return { ...old, items: [alert, ...old.items].slice(0, ALERT_LIST_LIMIT) };
      });
    }
    if (alert.mark && TOAST_MARKS.has(alert.mark)) {
      notifications.show({
        color: 'red',
        title: `${alert.mark === 'fatal' ? 'Fatal' : 'Critical'} alert from ${alert.devId}`,
        message: alert.alertType,
        autoClose: 8_000,
      });
    }
  });
  useSocketEvent('alert:acknowledged', ({ alerts }) => applyAcknowledged(queryClient, alerts));
}
