// 'command:state-changed' in the fleet lists of the Commands screen: a listed row takes its new state
// in place, leaves a list whose state filter it no longer matches, and a newly queued command
// refetches the lists (batched) instead of being guessed into them.
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { CommandList } from '@dmc/shared/api';
import type { CommandStateChangedEvent } from '@dmc/shared/events';
import { command, LATER } from '../../test/fixtures';
import { commandKeys, type CommandListParams, type CommandPages } from '../queries/commands';
import { applyCommandStateChanged, COMMAND_LIST_REFETCH_MS } from './commands';

const ALL: CommandListParams = { state: null, devId: '', createdBy: '', command: null, campaignId: '' };
const QUEUED: CommandListParams = { ...ALL, state: 'queued' };

const pages = (...ids: string[]): CommandPages => ({
  pages: [{ items: ids.map((id) => command({ id, state: 'queued' })), nextCursor: null }],
  pageParams: [undefined],
});

const event = (over: Partial<CommandStateChangedEvent>): CommandStateChangedEvent => ({
  id: 'c1',
  devId: 'd1',
  state: 'sent',
  sc: null,
  deliveries: 1,
  reason: null,
  outcome: null,
  at: LATER,
  ...over,
});

function setup() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(commandKeys.list(ALL), pages('c1', 'c2'));
  queryClient.setQueryData(commandKeys.list(QUEUED), pages('c1', 'c2'));
  const soon: [readonly unknown[], number][] = [];
  return { queryClient, soon, record: (key: readonly unknown[], ms: number) => void soon.push([key, ms]) };
}

const ids = (queryClient: QueryClient, params: CommandListParams) =>
  queryClient.getQueryData<CommandPages>(commandKeys.list(params))?.pages.flatMap((p) => p.items);

describe('applyCommandStateChanged on the fleet lists', () => {
  it('patches the row where the list still matches it and drops it where it no longer does', () => {
    const { queryClient, soon, record } = setup();
    applyCommandStateChanged(queryClient, event({}), record);
    const all = ids(queryClient, ALL);
    expect(all?.map((c) => [c.id, c.state, c.deliveries, c.updatedAt])).toEqual([
      ['c1', 'sent', 1, LATER],
      ['c2', 'queued', 0, command().updatedAt],
    ]);
    expect(ids(queryClient, QUEUED)?.map((c) => c.id)).toEqual(['c2']);
    expect(soon).toEqual([]);
  });

  it('refetches a list when a status code arrives, whose meaning only the API knows', () => {
    const { queryClient, record } = setup();
    applyCommandStateChanged(queryClient, event({ state: 'ok', sc: 200 }), record);
    const state = queryClient.getQueryState(commandKeys.list(ALL));
    expect(state?.isInvalidated).toBe(true);
  });

  it('asks for the lists again, once and batched, when a command no list holds is queued', () => {
    const { queryClient, soon, record } = setup();
    applyCommandStateChanged(queryClient, event({ id: 'new', state: 'queued', deliveries: 0 }), record);
    expect(soon).toEqual([[commandKeys.lists(), COMMAND_LIST_REFETCH_MS]]);
    expect(ids(queryClient, ALL)?.map((c) => c.id)).toEqual(['c1', 'c2']);
  });
});

describe('applyCommandStateChanged with an answer', () => {
  it('shows a SHOW’s outcome at once and reads the list again for its result', () => {
    const queryClient = new QueryClient();
    const show = command({ id: 'c1', command: ['SHOW', 'http://x/ui/t'], state: 'sent', sc: 200 });
    queryClient.setQueryData(commandKeys.device('d1'), { items: [show] });
    queryClient.setQueryData(commandKeys.list(ALL), {
      pages: [{ items: [show], nextCursor: null }],
      pageParams: [undefined],
    });
    applyCommandStateChanged(queryClient, event({ state: 'ok', sc: 200, outcome: 'declined' }), () => {});
    const listed = queryClient.getQueryData<{ items: CommandRecordLike[] }>(commandKeys.device('d1'));
    expect(listed?.items[0]).toMatchObject({ state: 'ok', outcome: 'declined' });
    expect(ids(queryClient, ALL)?.[0]).toMatchObject({ state: 'ok', outcome: 'declined' });
    expect(queryClient.getQueryState(commandKeys.device('d1'))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(commandKeys.list(ALL))?.isInvalidated).toBe(true);
  });

  it('does not read the list again when the outcome stays the same', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(commandKeys.device('d1'), { items: [command({ id: 'c1', state: 'queued' })] });
    applyCommandStateChanged(queryClient, event({ state: 'sent' }), () => {});
    expect(queryClient.getQueryState(commandKeys.device('d1'))?.isInvalidated).toBe(false);
  });
});

type CommandRecordLike = { state: string; outcome: string | null };

describe('applyCommandStateChanged while the device list is read for the first time', () => {
  it('reads the list again after that first read, which began before the change', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const reads: ((list: CommandList) => void)[] = [];
    const observer = new QueryObserver<CommandList>(queryClient, {
      queryKey: commandKeys.device('d1'),
      queryFn: () => new Promise<CommandList>((resolve) => reads.push(resolve)),
    });
    const unsubscribe = observer.subscribe(() => undefined);
    await vi.waitFor(() => expect(reads).toHaveLength(1));

    // The session ends the command while the first read is on its way with what it saw before.
    applyCommandStateChanged(queryClient, event({ state: 'ok', sc: 200 }), () => undefined);
    reads[0]?.({ items: [command({ id: 'c1', devId: 'd1', state: 'queued' })] });
    await vi.waitFor(() => expect(reads).toHaveLength(2));
    reads[1]?.({ items: [command({ id: 'c1', devId: 'd1', state: 'ok', sc: 200 })] });

    await vi.waitFor(() =>
      expect(queryClient.getQueryData<CommandList>(commandKeys.device('d1'))?.items[0]?.state).toBe('ok'),
    );
    unsubscribe();
  });
});
