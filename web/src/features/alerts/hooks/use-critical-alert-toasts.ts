import { notifications } from '@mantine/notifications';
import { useSocketEvent } from '../../../hooks/use-socket-event';

const TOAST_MARKS = new Set(['critical', 'fatal']);

/**
 * Raises a toast for critical and fatal alerts anywhere in the console (ux.md, Alerts). Mounted
 * once, in the shell; the cached lists follow the same event through `useLiveUpdates`.
 */
export function useCriticalAlertToasts(): void {
  useSocketEvent('alert:received', ({ alert }) => {
    if (!alert.mark || !TOAST_MARKS.has(alert.mark)) return;
    notifications.show({
      color: 'red',
      title: `${alert.mark === 'fatal' ? 'Fatal' : 'Critical'} alert from ${alert.devId}`,
      message: alert.alertType,
      autoClose: 8_000,
    });
  });
}
