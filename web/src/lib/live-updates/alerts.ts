import type { QueryClient } from '@tanstack/react-query';
import type { AlertPage, AlertRecord } from '@dmc/shared/api';
import { matchesAlertList } from '../queries/alert-filters';
import { ALERT_LIST_LIMIT, alertKeys, alertListParamsOf } from '../queries/alerts';
import { invalidateAfterEvent } from './invalidate-after-event';

/**
 * Puts acknowledged alerts into every cached list: replaced where the list still shows them,
 * dropped from lists of open alerts, refetched for lists of acknowledged ones.
 */
export function applyAlertsAcknowledged(queryClient: QueryClient, alerts: readonly AlertRecord[]): void {
  if (alerts.length === 0) return;
  const byId = new Map(alerts.map((a) => [a.id, a]));
  for (const query of queryClient.getQueryCache().findAll({ queryKey: alertKeys.lists() })) {
    const params = alertListParamsOf(query.queryKey);
    // Where the alerts now belong is up to the server's order and filters: fetch again.
    if (params?.status === 'acknowledged') {
      invalidateAfterEvent(queryClient, { queryKey: query.queryKey, exact: true });
      continue;
    }
    queryClient.setQueryData<AlertPage>(query.queryKey, (old) =>
      old ? patchPage(old, byId, params?.status === 'open') : old,
    );
  }
}

export function patchPage(
  page: AlertPage,
  acknowledged: ReadonlyMap<string, AlertRecord>,
  isOpenList: boolean,
): AlertPage {
  if (!page.items.some((a) => acknowledged.has(a.id))) return page;
  const items = isOpenList
    ? page.items.filter((a) => !acknowledged.has(a.id))
    : page.items.map((a) => acknowledged.get(a.id) ?? a);
  return { ...page, items };
}

/**
 * 'alert:received': a row that coalesced (protocol §13), or one a list shows already, is updated
 * where it stands (its count and last time grew; the reader's place does not move); a new one goes
 * first in every cached list whose filters it matches.
 */
export function applyAlertReceived(queryClient: QueryClient, alert: AlertRecord, now: number): void {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: alertKeys.lists() })) {
    const params = alertListParamsOf(query.queryKey);
    if (!params || !matchesAlertList(params, alert, now)) continue;
    queryClient.setQueryData<AlertPage>(query.queryKey, (old) => (old ? withReceived(old, alert) : old));
  }
}

export function withReceived(page: AlertPage, alert: AlertRecord): AlertPage {
  if (page.items.some((a) => a.id === alert.id)) {
    return { ...page, items: page.items.map((a) => (a.id === alert.id ? alert : a)) };
  }
  return { ...page, items: [alert, ...page.items].slice(0, ALERT_LIST_LIMIT) };
}
