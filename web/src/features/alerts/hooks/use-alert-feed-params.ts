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

type FeedOptions = {
  /** One device's alerts (its Alerts tab): the device filter is fixed. */
  devId?: string;
  /** Prefix of the URL parameters, so a tab's filters do not meet another view's parameters. */
  prefix?: string;
};

/**
 * The feed's filters, read from and written to the URL so a view can be shared. The Alerts page and
 * a device's Alerts tab use the same filters (the tab with `devId` and a prefix).
 */
export function useAlertFeedParams({ devId, prefix = '' }: FeedOptions = {}) {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo<AlertListParams>(() => {
    const get = (key: string) => searchParams.get(`${prefix}${key}`);
    const mark = alertMarkSchema.safeParse(get('mark'));
    const status = get('status');
    const since = get('since');
    return {
      devId: devId ?? (get('device') || null),
      mark: mark.success ? mark.data : null,
      type: get('type') ?? '',
      // Open alerts are what needs attention, so the feed starts there.
      status: STATUSES.find((s) => s === status) ?? 'open',
      window: isWindow(since) ? since : null,
      showSessionAlerts: get('session') === '1',
    };
  }, [searchParams, devId, prefix]);

  const update = useCallback(
    (patch: AlertFeedPatch) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value) next.set(`${prefix}${key}`, value);
            else next.delete(`${prefix}${key}`);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams, prefix],
  );

  return { params, update };
}
