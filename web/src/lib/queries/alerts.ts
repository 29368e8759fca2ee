import { queryOptions } from '@tanstack/react-query';
import { alertPageSchema, apiRoutes } from '@dmc/shared/api';
import type { AlertMark } from '@dmc/shared/protocol';
import { apiRequest } from '../api-client';
import { toAlertQuery } from './alert-filters';

/** Which alerts a list shows: open, acknowledged or both. */
export type AlertStatus = 'open' | 'acknowledged' | 'all';

/** Received within this window before now. */
export const ALERT_WINDOWS = ['1h', '24h', '7d'] as const;
export type AlertWindow = (typeof ALERT_WINDOWS)[number];

/**
 * A list's filters; `devId: null` is the fleet-wide feed. Omitted filters match everything, so
 * `{ devId }` alone is every alert of one device.
 */
export type AlertListParams = {
  devId: string | null;
  mark?: AlertMark | null;
  type?: string;
  status?: AlertStatus;
  window?: AlertWindow | null;
  /** Show the session alert every P1 carries. */
  showSessionAlerts?: boolean;
};

export const alertKeys = {
  all: ['alerts'] as const,
  lists: () => [...alertKeys.all, 'list'] as const,
  list: (params: AlertListParams) => [...alertKeys.lists(), params] as const,
};

/** The filters of a cached list, read back from its key. */
export function alertListParamsOf(queryKey: readonly unknown[]): AlertListParams | undefined {
  return queryKey[2] as AlertListParams | undefined;
}

/** How many recent alerts a list shows and keeps while new ones arrive. */
export const ALERT_LIST_LIMIT = 200;

export const alertsQueryOptions = (params: AlertListParams) =>
  queryOptions({
    queryKey: alertKeys.list(params),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.alerts, alertPageSchema, {
        query: toAlertQuery(params, ALERT_LIST_LIMIT, Date.now()),
        signal,
      }),
  });
