import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { invalidateAfterEvent } from './invalidate-after-event';

/** Invalidates `queryKey` once within `delayMs`, however often it is asked to in that time. */
export type InvalidateSoon = (queryKey: QueryKey, delayMs: number) => void;

/**
 * Batches invalidations: a busy fleet sends many events a second, and each refetch they call for
 * happens at most once per window. `dispose` drops what is still waiting.
 */
export function createInvalidateSoon(queryClient: QueryClient): {
  soon: InvalidateSoon;
  dispose: () => void;
} {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const soon: InvalidateSoon = (queryKey, delayMs) => {
    const id = JSON.stringify(queryKey);
    if (timers.has(id)) return;
    timers.set(
      id,
      setTimeout(() => {
        timers.delete(id);
        invalidateAfterEvent(queryClient, { queryKey });
      }, delayMs),
    );
  };
  const dispose = () => {
    timers.forEach(clearTimeout);
    timers.clear();
  };
  return { soon, dispose };
}
