import type { QueryClient } from '@tanstack/react-query';
import type { OperationList, OperationRecord } from '@dmc/shared/api';
import type { CommandStateChangedEvent } from '@dmc/shared/events';
import { isActiveOperation, operationKeys } from '../queries/operations';
import { invalidateAfterEvent } from './invalidate-after-event';

/** 'operation:updated': replaced in the device's cached list; an operation it lacks refetches it. */
export function applyOperationUpdated(queryClient: QueryClient, operation: OperationRecord): void {
  const key = operationKeys.device(operation.devId);
  let isKnown = false;
  queryClient.setQueryData<OperationList>(key, (old) => {
    if (!old) return old;
    const items = old.items.map((op) => {
      if (op.id !== operation.id) return op;
      isKnown = true;
      return operation;
    });
    return { items };
  });
  if (!isKnown) invalidateAfterEvent(queryClient, { queryKey: key, exact: true });
}

/**
 * A command of an operation (or of a device with an operation under way) changed state: the
 * operation's progress shows it first, so the device's operations are fetched again.
 */
export function applyOperationCommandChanged(
  queryClient: QueryClient,
  event: CommandStateChangedEvent,
): void {
  const key = operationKeys.device(event.devId);
  const list = queryClient.getQueryData<OperationList>(key);
  if (!list) return;
  const concerned = list.items.some(
    (op) => op.commands.includes(event.id) || op.consentCommand === event.id || isActiveOperation(op.state),
  );
  if (concerned) invalidateAfterEvent(queryClient, { queryKey: key, exact: true });
}
