// Every live handler reads a query again through invalidateAfterEvent: a query already shown is
// invalidated, and a first read that began before the event is cancelled and read again, so the
// change the event announced is never lost to a read that saw the state before it.
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { invalidateAfterEvent } from './invalidate-after-event';

function firstReadOf(queryClient: QueryClient, queryKey: readonly unknown[]) {
  const reads: ((value: string) => void)[] = [];
  const observer = new QueryObserver<string>(queryClient, {
    queryKey,
    queryFn: () => new Promise<string>((resolve) => reads.push(resolve)),
  });
  const unsubscribe = observer.subscribe(() => undefined);
  return { reads, unsubscribe };
}

describe('invalidateAfterEvent', () => {
  it('reads a list again after a first read that began before the event', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const { reads, unsubscribe } = firstReadOf(queryClient, ['operations', 'd1']);
    await vi.waitFor(() => expect(reads).toHaveLength(1));

    invalidateAfterEvent(queryClient, { queryKey: ['operations', 'd1'], exact: true });
    reads[0]?.('before');
    await vi.waitFor(() => expect(reads).toHaveLength(2));
    reads[1]?.('after');

    await vi.waitFor(() => expect(queryClient.getQueryData(['operations', 'd1'])).toBe('after'));
    unsubscribe();
  });

  it('cancels only the first reads among the queries it matches, and reads every one again', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    queryClient.setQueryData(['sessions', 'd1', 'page-1'], 'shown');
    const { reads, unsubscribe } = firstReadOf(queryClient, ['sessions', 'd1', 'page-2']);
    await vi.waitFor(() => expect(reads).toHaveLength(1));

    invalidateAfterEvent(queryClient, { queryKey: ['sessions', 'd1'] });
    expect(queryClient.getQueryData(['sessions', 'd1', 'page-1'])).toBe('shown');
    reads[0]?.('before');
    await vi.waitFor(() => expect(reads).toHaveLength(2));
    reads[1]?.('after');
    await vi.waitFor(() => expect(queryClient.getQueryData(['sessions', 'd1', 'page-2'])).toBe('after'));
    expect(queryClient.getQueryState(['sessions', 'd1', 'page-1'])?.isInvalidated).toBe(true);
    unsubscribe();
  });

  it('invalidates a query already shown without cancelling anything', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(['tree', 'd1'], 'shown');
    invalidateAfterEvent(queryClient, { queryKey: ['tree', 'd1'] });
    expect(queryClient.getQueryState(['tree', 'd1'])?.isInvalidated).toBe(true);
    expect(queryClient.getQueryData(['tree', 'd1'])).toBe('shown');
  });
});
