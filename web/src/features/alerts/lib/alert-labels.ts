import type { AlertRecord } from '@dmc/shared/api';

/** The last segment of an alert type URN ("StorageFull"), which tells most of it at a glance. */
export function shortAlertType(alertType: string): string {
  const tail = alertType.split(':').filter(Boolean).at(-1);
  return tail && tail.length < alertType.length ? tail : alertType;
}

/** A node link target for an alert's SourceURI when it names a node of the device's tree. */
export function nodePathOf(alert: Pick<AlertRecord, 'sourceUri'>): string | null {
  const uri = alert.sourceUri?.trim();
  if (!uri || /^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) return null;
  return uri;
}
