import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FleetStats } from '@dmc/shared/api';
import { useSocketEvent } from '../../../hooks/use-socket-event';
import { statsKeys } from '../api/stats-keys';
import {
  withAlertReceived,
  withAlertsAcknowledged,
  withSessionEnded,
  withSessionStarted,
} from '../lib/patch-stats';

/**
 * A busy fleet sends many events a second: each patches what it can at once, and all of them
 * together cost one refetch of the aggregates at most every REFETCH_MS.
 */
const REFETCH_MS = 2_000;

/** Keeps the dashboard's stats live while it is shown. */
export function useStatsLiveUpdates(): void {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const patch = (update: (stats: FleetStats) => FleetStats) =>
    queryClient.setQueryData<FleetStats>(statsKeys.fleet(), (old) => (old ? update(old) : old));

  const scheduleRefetch = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: statsKeys.fleet() });
    }, REFETCH_MS);
  };

  useSocketEvent('device:updated', scheduleRefetch);
  useSocketEvent('device:removed', scheduleRefetch);
  useSocketEvent('command:state-changed', scheduleRefetch);
  useSocketEvent('session:started', (event) => {
    patch((stats) => withSessionStarted(stats, event));
    scheduleRefetch();
  });
  useSocketEvent('session:ended', (event) => {
    patch((stats) => withSessionEnded(stats, event));
    scheduleRefetch();
  });
  useSocketEvent('alert:received', ({ alert }) => {
    patch((stats) => withAlertReceived(stats, alert));
    scheduleRefetch();
  });
  useSocketEvent('alert:acknowledged', ({ alerts }) => {
    patch((stats) => withAlertsAcknowledged(stats, alerts));
    scheduleRefetch();
  });
}
