import { useSocketEvent } from '../../../hooks/use-socket-event';
import { useTrackedCommandsStore } from '../stores/tracked-commands-store';

/** Follows the states of the commands the tree queued, from 'command:state-changed'. */
export function useTrackedCommandUpdates(devId: string): void {
  const update = useTrackedCommandsStore((s) => s.update);
  useSocketEvent('command:state-changed', (event) => {
    if (event.devId === devId) update(devId, event.id, event.state, event.sc);
  });
}
