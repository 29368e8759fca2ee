import type { QueryClient } from '@tanstack/react-query';
import type { NotificationList, NotificationRecord } from '@dmc/shared/api';
import { notificationKeys } from '../queries/notifications';

/**
 * Puts a wake-up into the device's list, newest first. A record older than the cached one is
 * ignored: the POST answer can arrive after the live event that already says "answered".
 */
export function mergeNotification(
  list: NotificationList | undefined,
  record: NotificationRecord,
): NotificationList {
  const items = list?.items ?? [];
  const cached = items.find((n) => n.id === record.id);
  if (!cached) return { items: [record, ...items] };
  if (cached.updatedAt > record.updatedAt) return { items };
  return { items: items.map((n) => (n.id === record.id ? record : n)) };
}

/**
 * 'notification:updated' (or a POST …/notify answer): merged into every cached list of the device's
 * wake-ups, each kept to the length it was fetched with.
 */
export function applyNotification(queryClient: QueryClient, record: NotificationRecord): void {
  const lists = queryClient.getQueryCache().findAll({ queryKey: notificationKeys.device(record.devId) });
  for (const query of lists) {
    // notificationKeys.list(devId, limit)
    const limit = query.queryKey[2];
    queryClient.setQueryData<NotificationList>(query.queryKey, (old) => {
      if (!old) return old;
      const merged = mergeNotification(old, record);
      return typeof limit === 'number' ? { items: merged.items.slice(0, limit) } : merged;
    });
  }
}
