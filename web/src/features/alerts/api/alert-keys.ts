import type { AlertMark } from '@dmc/shared/protocol';

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
