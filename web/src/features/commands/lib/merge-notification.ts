import type { NotificationList, NotificationRecord } from '@dmc/shared/api';

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
