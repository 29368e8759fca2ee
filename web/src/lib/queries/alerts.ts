import { queryOptions } from '@tanstack/react-query';
import { alertPageSchema, apiRoutes } from '@dmc/shared/api';
import { apiRequest } from '../api-client';
import { toAlertQuery, type AlertListParams } from './alert-filters';

export { ALERT_WINDOWS, type AlertListParams, type AlertStatus, type AlertWindow } from './alert-filters';

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
