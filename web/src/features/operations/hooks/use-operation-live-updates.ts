import { useQueryClient } from '@tanstack/react-query';
import type { OperationList } from '@dmc/shared/api';
import { useSocketEvent } from '../../../hooks/use-socket-event';
import { operationKeys } from '../api/operation-keys';
import { isActive } from '../lib/operation-progress';

/**
 * Patches the device's operations on 'operation:updated'; refetches them when one of their commands
 * changes state (its progress shows there first), and the tree copy when nodes change (FUMO State).
 */
export function useOperationLiveUpdates(devId: string): void {
  const queryClient = useQueryClient();
  useSocketEvent('operation:updated', ({ operation }) => {
    if (operation.devId !== devId) return;
    let isKnown = false;
    queryClient.setQueryData<OperationList>(operationKeys.device(devId), (old) => {
      if (!old) return old;
      const items = old.items.map((op) => {
        if (op.id !== operation.id) return op;
        isKnown = true;
        return operation;
      });
      return { items };
    });
    if (!isKnown) void queryClient.invalidateQueries({ queryKey: operationKeys.device(devId) });
  });
  useSocketEvent('command:state-changed', (event) => {
    if (event.devId !== devId) return;
    const list = queryClient.getQueryData<OperationList>(operationKeys.device(devId));
    const concerned = list?.items.some(
      (op) => op.commands.includes(event.id) || op.consentCommand === event.id || isActive(op.state),
    );
    if (!(concerned ?? true)) return;
    void queryClient.invalidateQueries({ queryKey: operationKeys.device(devId) });
  });
  useSocketEvent('tree:changed', (event) => {
    if (event.devId === devId) void queryClient.invalidateQueries({ queryKey: operationKeys.tree(devId) });
  });
}
