import type { AlertRecord, ListAlertsQuery } from '@dmc/shared/api';
import { SESSION_ALERT_TYPES, type AlertMark } from '@dmc/shared/protocol';

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

const WINDOW_MS: Record<AlertWindow, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
};

const SESSION_TYPES = new Set<string>(Object.values(SESSION_ALERT_TYPES));

/** A session-start alert (stored with its session, never open; protocol §13). */
export function isSessionAlert(alert: Pick<AlertRecord, 'alertType' | 'sessionStart'>): boolean {
  return alert.sessionStart || SESSION_TYPES.has(alert.alertType);
}

/** The API query string of a list; `now` fixes the start of a time window. */
export function toAlertQuery(
  params: AlertListParams,
  limit: number,
  now: number,
): Partial<Record<keyof ListAlertsQuery, string | number>> {
  return {
    ...(params.devId ? { devId: params.devId } : {}),
    ...(params.mark ? { mark: params.mark } : {}),
    ...(params.type ? { type: params.type } : {}),
    ...(params.status === 'open' ? { open: 'true' } : {}),
    ...(params.status === 'acknowledged' ? { open: 'false' } : {}),
    ...(params.window ? { since: new Date(now - WINDOW_MS[params.window]).toISOString() } : {}),
    ...(params.showSessionAlerts === false ? { sessionAlerts: 'false' } : {}),
    limit,
  };
}

/** Whether a list with these filters shows `alert` (a live event decides where it goes). */
export function matchesAlertList(params: AlertListParams, alert: AlertRecord, now: number): boolean {
  if (params.devId && params.devId !== alert.devId) return false;
  if (params.mark && params.mark !== alert.mark) return false;
  if (params.type && params.type !== alert.alertType) return false;
  if (params.status === 'open' && (alert.acknowledgedAt !== null || alert.sessionStart)) return false;
  if (params.status === 'acknowledged' && alert.acknowledgedAt === null) return false;
  if (params.showSessionAlerts === false && isSessionAlert(alert)) return false;
  if (params.window && Date.parse(alert.receivedAt) < now - WINDOW_MS[params.window]) return false;
  return true;
}
