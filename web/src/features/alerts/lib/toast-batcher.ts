// Critical and fatal alert toasts, calm (ux.md, Explaining a device): alerts arriving within a short
// window make one toast ("5 critical alerts from 3 devices"), and toasts come at most once per
// interval however busy the fleet is; what arrives meanwhile joins the next one.

/** Alerts of one toast. */
export interface ToastGroup {
  /** Occurrences (a coalesced alert counts each of them). */
  alerts: number;
  fatal: number;
  /** Devices, most recent last; at most MAX_DEVICES kept, `deviceCount` counts all. */
  devices: string[];
  deviceCount: number;
}

export interface ToastAlert {
  devId: string;
  mark: 'critical' | 'fatal';
  occurrences: number;
}

export interface ToastBatcherOptions {
  /** Alerts arriving this long after the first one join its toast. */
  windowMs: number;
  /** At least this long between two toasts. */
  minIntervalMs: number;
  now: () => number;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  show: (group: ToastGroup) => void;
}

const MAX_DEVICES = 5;

export const TOAST_WINDOW_MS = 1_500;
export const TOAST_MIN_INTERVAL_MS = 10_000;

/** The toast's title in words. */
export function toastTitle(group: ToastGroup): string {
  const kind = group.fatal === group.alerts ? 'fatal' : group.fatal === 0 ? 'critical' : 'critical and fatal';
  const what =
    group.alerts === 1
      ? `${kind === 'fatal' ? 'Fatal' : 'Critical'} alert`
      : `${group.alerts} ${kind} alerts`;
  const from = group.deviceCount === 1 ? (group.devices[0] ?? 'one device') : `${group.deviceCount} devices`;
  return `${what} from ${from}`;
}

function emptyGroup(): { group: ToastGroup; all: Set<string> } {
  return { group: { alerts: 0, fatal: 0, devices: [], deviceCount: 0 }, all: new Set() };
}

/** Groups alerts into toasts and spaces the toasts out. */
export function createToastBatcher(options: ToastBatcherOptions) {
  let pending = emptyGroup();
  let timer: unknown;
  let isScheduled = false;
  let lastShownAt = Number.NEGATIVE_INFINITY;

  const flush = () => {
    isScheduled = false;
    const { group } = pending;
    pending = emptyGroup();
    if (group.alerts === 0) return;
    lastShownAt = options.now();
    options.show(group);
  };

  return {
    push(alert: ToastAlert): void {
      const { group, all } = pending;
      group.alerts += alert.occurrences;
      if (alert.mark === 'fatal') group.fatal += alert.occurrences;
      if (!all.has(alert.devId)) {
        all.add(alert.devId);
        group.deviceCount += 1;
        group.devices = [...group.devices, alert.devId].slice(-MAX_DEVICES);
      }
      if (isScheduled) return;
      const now = options.now();
      const wait = Math.max(options.windowMs, lastShownAt + options.minIntervalMs - now);
      isScheduled = true;
      timer = options.setTimer(flush, wait);
    },
    /** Drops what waits (muted, or unmounted). */
    clear(): void {
      if (isScheduled) options.clearTimer(timer);
      isScheduled = false;
      pending = emptyGroup();
    },
  };
}
