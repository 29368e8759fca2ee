import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  type InfiniteData,
} from '@tanstack/react-query';
import {
  apiRoutes,
  commandListSchema,
  commandPageSchema,
  type CommandPage,
  type CommandRecord,
  type CommandState,
} from '@dmc/shared/api';
import type { CommandName } from '@dmc/shared/protocol';
import { apiRequest } from '../api-client';

/**
 * The filters of the fleet-wide Commands screen (they live in the URL); empty ones match everything.
 * `campaignId` keeps the commands one campaign queued (the campaign page links here with it).
 */
export type CommandListParams = {
  state: CommandState | null;
  devId: string;
  createdBy: string;
  command: CommandName | null;
  campaignId: string;
};

export type CommandPages = InfiniteData<CommandPage, string | undefined>;

export const commandKeys = {
  all: ['commands'] as const,
  device: (devId: string) => [...commandKeys.all, 'device', devId] as const,
  lists: () => [...commandKeys.all, 'list'] as const,
  list: (params: CommandListParams) => [...commandKeys.lists(), params] as const,
};

/** The filters of a cached fleet list, read back from its key. */
export function commandListParamsOf(queryKey: readonly unknown[]): CommandListParams | undefined {
  return queryKey[2] as CommandListParams | undefined;
}

/** Whether a fleet list with these filters shows `command` (a live event decides where it goes). */
export function matchesCommandList(
  params: CommandListParams,
  command: Pick<CommandRecord, 'state' | 'devId' | 'createdBy' | 'command'>,
): boolean {
  if (params.state && params.state !== command.state) return false;
  if (params.devId && params.devId !== command.devId) return false;
  if (params.createdBy && params.createdBy !== command.createdBy) return false;
  if (params.command && params.command !== command.command[0]) return false;
  return true;
}

/** Commands per page of the Commands screen. */
export const COMMAND_PAGE_SIZE = 50;

/**
 * The device's queue and history (the newest 100), read by the Commands tab, the timeline and the
 * tree's command badges. Every 'command:state-changed' reaches every console, so the live-update
 * hook keeps this entry current wherever it is shown.
 */
export const deviceCommandsQueryOptions = (devId: string) =>
  queryOptions({
    queryKey: commandKeys.device(devId),
    queryFn: ({ signal }) => apiRequest(apiRoutes.deviceCommands(devId), commandListSchema, { signal }),
  });

/** Every device's commands, newest first; "Load more" fetches the next page. */
export const fleetCommandsQueryOptions = (params: CommandListParams) =>
  infiniteQueryOptions({
    queryKey: commandKeys.list(params),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(apiRoutes.commands, commandPageSchema, {
        query: {
          state: params.state ?? undefined,
          devId: params.devId || undefined,
          createdBy: params.createdBy || undefined,
          command: params.command ?? undefined,
          campaignId: params.campaignId || undefined,
          limit: COMMAND_PAGE_SIZE,
          cursor: pageParam,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
