import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useAppStore } from '../stores/app-store';

/** How often the console asks whether an unreachable server is back. */
export const REACHABILITY_PROBE_MS = 3_000;

/**
 * While the API is unreachable, asks `/healthz` every few seconds; once it answers, the console
 * says the server is back and reads everything again (what changed meanwhile was not seen).
 */
export function useApiReachability(): void {
  const queryClient = useQueryClient();
  const isUnreachable = useAppStore((s) => s.isApiUnreachable);
  const setApiUnreachable = useAppStore((s) => s.setApiUnreachable);

  useEffect(() => {
    if (!isUnreachable) return;
    let isActive = true;
    const probe = () =>
      fetch('/healthz', { credentials: 'same-origin', cache: 'no-store' }).then(
        (res) => {
          if (!isActive || !res.ok) return;
          setApiUnreachable(false);
          void queryClient.invalidateQueries();
        },
        () => undefined,
      );
    const timer = setInterval(() => void probe(), REACHABILITY_PROBE_MS);
    return () => {
      isActive = false;
      clearInterval(timer);
    };
  }, [isUnreachable, queryClient, setApiUnreachable]);
}
