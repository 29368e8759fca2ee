import type { QueryClient } from '@tanstack/react-query';
import type { CommandList } from '@dmc/shared/api';
import type { CommandStateChangedEvent } from '@dmc/shared/events';
import { commandKeys } from '../queries/commands';

/**
 * 'command:state-changed': the command takes its new state, code, delivery count, reason and time in
 * the device's cached list without a refetch. A command the list lacks (just queued) or a new status
 * code (its meaning comes only from the API) refetches the list.
 */
export function applyCommandStateChanged(queryClient: QueryClient, event: CommandStateChangedEvent): void {
  const key = commandKeys.device(event.devId);
  let mustRefetch = true;
  queryClient.setQueryData<CommandList>(key, (old) => {
    if (!old) return old;
    const items = old.items.map((c) => {
      if (c.id !== event.id) return c;
      mustRefetch = c.sc !== event.sc;
      return {
        ...c,
        state: event.state,
        sc: event.sc,
        deliveries: event.deliveries,
        reason: event.reason,
        updatedAt: event.at,
      };
    });
    return { items };
  });
  if (mustRefetch) void queryClient.invalidateQueries({ queryKey: key, exact: true });
}
