import { queryOptions, useQuery } from '@tanstack/react-query';
import { alertPageSchema, apiRoutes } from '@dmc/shared/api';
import { apiRequest } from '../../../lib/api-client';
import { toAlertQuery } from '../lib/alert-filters';
import { alertKeys, type AlertListParams } from './alert-keys';

/** How many recent alerts a list shows and keeps while new ones arrive. */
export const ALERT_LIST_LIMIT = 200;

export const getAlertsQueryOptions = (params: AlertListParams) =>
  queryOptions({
    queryKey: alertKeys.list(params),
    queryFn: ({ signal }) =>
      apiRequest(apiRoutes.alerts, alertPageSchema, {
        query: toAlertQuery(params, ALERT_LIST_LIMIT, Date.now()),
        signal,
      }),
  });

export function useAlerts(params: AlertListParams) {
  return useQuery(getAlertsQueryOptions(params));
}
