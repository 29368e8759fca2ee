import type { InvalidateQueryFilters, QueryClient } from '@tanstack/react-query';

/**
 * Reads the queries `filters` match again because an event changed what they show. A first read
 * still in flight began before the event and would store what it read then, and TanStack Query
 * joins an invalidation to a first read instead of starting another: such a read is cancelled
 * first, so the query is read after the change. Every live handler invalidates through here.
 */
export function invalidateAfterEvent(queryClient: QueryClient, filters: InvalidateQueryFilters): void {
  const firstReads = queryClient
    .getQueryCache()
    .findAll(filters)
    .filter((query) => query.state.data === undefined && query.state.fetchStatus === 'fetching');
  if (firstReads.length === 0) {
    void queryClient.invalidateQueries(filters);
    return;
  }
  void Promise.all(
    firstReads.map((query) => queryClient.cancelQueries({ queryKey: query.queryKey, exact: true })),
  ).then(() => queryClient.invalidateQueries(filters));
}
