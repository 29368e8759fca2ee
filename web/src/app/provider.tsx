import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { authKeys } from '../lib/queries/auth';
import { createQueryClient } from '../lib/query-client';
import { PanelErrorBoundary } from '../components/ui/panel-error-boundary';
import { useAppStore } from '../stores/app-store';
import { router } from './router';
import { theme } from './theme';

/** Any 401 means the session is gone: back to the login page, remembering where the user was. */
function goToLogin(): void {
  const { pathname, search } = router.state.location;
  if (pathname === '/login') return;
  void router
    .navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true })
    .then(() => queryClient.removeQueries({ queryKey: authKeys.all }));
}

const queryClient = createQueryClient({ onUnauthenticated: goToLogin });

export function AppProvider({ children }: { children: ReactNode }) {
  const colorScheme = useAppStore((s) => s.colorScheme);
  return (
    <MantineProvider theme={theme} forceColorScheme={colorScheme}>
      <Notifications position="bottom-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <PanelErrorBoundary>{children}</PanelErrorBoundary>
      </QueryClientProvider>
    </MantineProvider>
  );
}
