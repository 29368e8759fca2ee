import type { QueryClient } from '@tanstack/react-query';
import type { CommandList, CommandRecord } from '@dmc/shared/api';
import type { CommandStateChangedEvent } from '@dmc/shared/events';
import { commandKeys, commandListParamsOf, matchesCommandList, type CommandPages } from '../queries/commands';
import { invalidateAfterEvent } from './invalidate-after-event';
import type { InvalidateSoon } from './invalidate-soon';

/** The command as the event leaves it. */
function patched(c: CommandRecord, event: CommandStateChangedEvent): CommandRecord {
  return {
    ...c,
    state: event.state,
    sc: event.sc,
    deliveries: event.deliveries,
    reason: event.reason,
    outcome: event.outcome,
    updatedAt: event.at,
  };
}

/**
 * The event carries no result: a new status code (its meaning comes from the API) or a new outcome
 * (a SHOW's answer, whose result the list shows) is read again; the outcome itself shows at once.
 */
function mustRefetchResult(c: CommandRecord, event: CommandStateChangedEvent): boolean {
  return c.sc !== event.sc || c.outcome !== event.outcome;
}

/** Bursts of newly queued commands (bulk work) cost one refetch of the fleet lists, not one each. */
export const COMMAND_LIST_REFETCH_MS = 500;

/**
 * The fleet lists of the Commands screen: a row they show takes its new state in place (dropped
 * where a state filter no longer matches it); a new status code (its meaning comes only from the
 * API) refetches that list; a command no list holds yet (just queued) refetches the lists soon.
 */
function applyToFleetLists(
  queryClient: QueryClient,
  event: CommandStateChangedEvent,
  soon: InvalidateSoon,
): void {
  let isListed = false;
  for (const query of queryClient.getQueryCache().findAll({ queryKey: commandKeys.lists() })) {
    const cached = query.state.data as CommandPages | undefined;
    const params = commandListParamsOf(query.queryKey);
    if (!cached || !params) continue;
    let found: CommandRecord | undefined;
    const pages = cached.pages.map((page) => {
      if (!page.items.some((c) => c.id === event.id)) return page;
      const items = page.items.flatMap((c) => {
        if (c.id !== event.id) return [c];
        found = c;
        const next = patched(c, event);
        return matchesCommandList(params, next) ? [next] : [];
      });
      return { ...page, items };
    });
    if (!found) continue;
    isListed = true;
    if (found.sc === event.sc) queryClient.setQueryData<CommandPages>(query.queryKey, { ...cached, pages });
    if (mustRefetchResult(found, event))
      invalidateAfterEvent(queryClient, { queryKey: query.queryKey, exact: true });
  }
  if (!isListed && event.state === 'queued') soon(commandKeys.lists(), COMMAND_LIST_REFETCH_MS);
}

/**
 * 'command:state-changed': the command takes its new state, code, delivery count, reason, outcome
 * and time in the device's cached list and in the fleet lists without a refetch. A command the
 * device's list lacks (just queued), a new status code or a new outcome refetches the list.
 */
export function applyCommandStateChanged(
  queryClient: QueryClient,
  event: CommandStateChangedEvent,
  soon: InvalidateSoon,
): void {
  const key = commandKeys.device(event.devId);
  let mustRefetch = true;
  queryClient.setQueryData<CommandList>(key, (old) => {
    if (!old) return old;
    const items = old.items.map((c) => {
      if (c.id !== event.id) return c;
      mustRefetch = mustRefetchResult(c, event);
      return patched(c, event);
    });
    return { items };
  });
  if (mustRefetch) invalidateAfterEvent(queryClient, { queryKey: key, exact: true });
  applyToFleetLists(queryClient, event, soon);
}
