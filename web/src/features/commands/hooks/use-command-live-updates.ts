import { useQueryClient } from '@tanstack/react-query';
import type { CommandList } from '@dmc/shared/api';
import { useSocketEvent } from '../../../hooks/use-socket-event';
import { commandKeys } from '../api/command-keys';

/** Patches a device's command list on 'command:state-changed'; unknown commands or new codes refetch. */
export function useCommandLiveUpdates(devId: string): void {
  const queryClient = useQueryClient();
  useSocketEvent('command:state-changed', (event) => {
    if (event.devId !== devId) return;
    let mustRefetch = true;
    queryClient.setQueryData<CommandList>(commandKeys.device(devId), (old) => {
      if (!old) return old;
      const items = old.items.map((c) => {
        if (c.id !== event.id) return c;
        // A new status code needs its meaning, which only the API supplies.
        mustRefetch = c.sc !== event.sc;
        return { ...c, state: event.state, sc: event.sc, updatedAt: event.at };
      });
      return { items };
    });
    if (mustRefetch) void queryClient.invalidateQueries({ queryKey: commandKeys.device(devId) });
  });
}
