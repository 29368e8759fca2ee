import { useQuery } from '@tanstack/react-query';
import type { CommandState } from '@dmc/shared/api';
import { deviceCommandsQueryOptions } from '../../../lib/queries/commands';
import { useTrackedCommands, type TrackedCommand } from '../stores/tracked-commands-store';

export type NodeCommand = TrackedCommand & { state: CommandState; sc: number | null };

/**
 * The commands the tree queued for the node at `clientUri`, newest first, each with its state from
 * the device's cached command list (kept live by 'command:state-changed'). A command the list does
 * not hold yet was just queued.
 */
export function useNodeCommands(devId: string, clientUri: string): NodeCommand[] {
  const tracked = useTrackedCommands(devId).filter((c) => c.clientUri === clientUri);
  const { data } = useQuery({ ...deviceCommandsQueryOptions(devId), enabled: tracked.length > 0 });
  return tracked.map((command) => {
    const record = data?.items.find((c) => c.id === command.id);
    return { ...command, state: record?.state ?? 'queued', sc: record?.sc ?? null };
  });
}
