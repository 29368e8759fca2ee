import { useQueryClient } from '@tanstack/react-query';
import { useSocketEvent } from '../../../hooks/use-socket-event';
import { commandKeys } from '../api/command-keys';

/** Refetches the composer's copy of the tree when the device's nodes change. */
export function useComposerTreeLiveUpdates(devId: string): void {
  const queryClient = useQueryClient();
  useSocketEvent('tree:changed', (event) => {
    if (event.devId === devId) void queryClient.invalidateQueries({ queryKey: commandKeys.tree(devId) });
  });
}
