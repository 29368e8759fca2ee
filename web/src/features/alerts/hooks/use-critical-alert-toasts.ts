import { useEffect, useState } from 'react';
import { useSocketEvent } from '../../../hooks/use-socket-event';
import {
  createToastBatcher,
  TOAST_MIN_INTERVAL_MS,
  TOAST_WINDOW_MS,
  type ToastGroup,
} from '../lib/toast-batcher';
import { isMuted, useAlertToastStore } from '../stores/alert-toast-store';

/** How long a toast stays unless dismissed. */
const SHOWN_MS = 12_000;

/**
 * Critical and fatal alerts raise a grouped, rate-limited toast anywhere in the console (ux.md,
 * Alerts), unless the user muted them. Session-start alerts never do. Returns the toast to show.
 */
function makeBatcher(show: (group: ToastGroup) => void) {
  return createToastBatcher({
    windowMs: TOAST_WINDOW_MS,
    minIntervalMs: TOAST_MIN_INTERVAL_MS,
    now: () => Date.now(),
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    // Muted meanwhile: what waited is dropped.
    show: (group) => {
      if (!isMuted(useAlertToastStore.getState().mutedUntil, Date.now())) show(group);
    },
  });
}

function mutedNow(): boolean {
  return isMuted(useAlertToastStore.getState().mutedUntil, Date.now());
}

export function useCriticalAlertToasts(): { group: ToastGroup | null; dismiss: () => void } {
  const [group, setGroup] = useState<ToastGroup | null>(null);
  const [batcher] = useState(() => makeBatcher(setGroup));
  useEffect(() => () => batcher.clear(), [batcher]);
  useEffect(() => {
    if (group === null) return;
    const timer = setTimeout(() => setGroup(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [group]);
  // Muting hides the toast shown now as well.
  useEffect(
    () =>
      useAlertToastStore.subscribe((state) => {
        if (state.mutedUntil !== null) {
          batcher.clear();
          setGroup(null);
        }
      }),
    [batcher],
  );

  useSocketEvent('alert:received', ({ alert, occurrences }) => {
    if (alert.sessionStart || (alert.mark !== 'critical' && alert.mark !== 'fatal')) return;
    if (mutedNow()) return;
    batcher.push({ devId: alert.devId, mark: alert.mark, occurrences });
  });
  return { group, dismiss: () => setGroup(null) };
}
