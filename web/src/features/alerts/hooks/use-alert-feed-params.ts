import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { alertMarkSchema } from '@dmc/shared/protocol';
import {
  ALERT_WINDOWS,
  type AlertListParams,
  type AlertStatus,
  type AlertWindow,
} from '../../../lib/queries/alerts';

const STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'all'];

function isWindow(value: string | null): value is AlertWindow {
  return ALERT_WINDOWS.some((w) => w === value);
}

/** Patch of the URL: a value sets a parameter, null or '' removes it. */
export type AlertFeedPatch = Partial<
  Record<'mark' | 'type' | 'device' | 'since' | 'status' | 'session', string | null>
>;

/** The feed's filters, read from and written to the URL so a view can be shared. */
export function useAlertFeedParams() {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo<AlertListParams>(() => {
    const mark = alertMarkSchema.safeParse(searchParams.get('mark'));
    const status = searchParams.get('status');
    const since = searchParams.get('since');
    return {
      devId: searchParams.get('device') || null,
      mark: mark.success ? mark.data : null,
      type: searchParams.get('type') ?? '',
      // Open alerts are what needs attention, so the feed starts there.
      status: STATUSES.find((s) => s === status) ?? 'open',
      window: isWindow(since) ? since : null,
      showSessionAlerts: searchParams.get('session') === '1',
    };
  }, [searchParams]);

  const update = useCallback(
    (patch: AlertFeedPatch) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  return { params, update };
}
