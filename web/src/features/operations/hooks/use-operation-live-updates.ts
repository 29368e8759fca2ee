import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { OperationList } from '@dmc/shared/api';
import { useSocketEvent } from '../../../hooks/use-socket-event';
import { operationKeys } from '../api/operation-keys';
import { isActive } from '../lib/operation-progress';

const RECONCILE_DELAY_MS = 1_500;

/**
 * Refetches the device's operations when one of their commands changes state (or, while one is
 * active, when any command of the device does: follow-up commands are queued as it goes), and the
 * tree copy when nodes change (FUMO State).
 */
export function useOperationLiveUpdates(devId: string): void {
  const queryClient = useQueryClient();
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  useSocketEvent('command:state-changed', (event) => {
    if (event.devId !== devId) return;
    const list = queryClient.getQueryData<OperationList>(operationKeys.device(devId));
    const concerned = list?.items.some(
      (op) => op.commands.includes(event.id) || op.consentCommand === event.id || isActive(op.state),
    );
    if (!(concerned ?? true)) return;
    const refresh = () => void queryClient.invalidateQueries({ queryKey: operationKeys.device(devId) });
    refresh();
    // An operation moves on in the server's reconcile step (≤ 1 s later), which sends no event of its
    // own: look once more after it.
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      refresh();
    }, RECONCILE_DELAY_MS);
    timers.current.add(timer);
  });
  useSocketEvent('tree:changed', (event) => {
    if (event.devId === devId) void queryClient.invalidateQueries({ queryKey: operationKeys.tree(devId) });
  });
}
