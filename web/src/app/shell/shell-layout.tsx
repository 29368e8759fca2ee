import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet, useLocation } from 'react-router';
import { BrandMark } from '../../components/ui/brand-mark';
import { PanelErrorBoundary } from '../../components/ui/panel-error-boundary';
import { useApiReachability } from '../../hooks/use-api-reachability';
import { useLiveUpdates } from '../../hooks/use-live-updates';
import { useSocketConnection } from '../../hooks/use-socket-connection';
import { AlertToastRegion } from '../../features/alerts/components/alert-toast-region';
import { useMe } from '../../features/auth/api/get-me';
import { ConnectionBanner } from './connection-banner';
import { ConnectionIndicator } from './connection-indicator';
import { DevIdJump } from './dev-id-jump';
import { NavBar } from './nav-bar';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';

/** The signed-in console: top bar, left navigation, and the live updates of the cache. */
export function ShellLayout() {
  const { data: user } = useMe();
  const { pathname } = useLocation();
  const [isNavOpen, nav] = useDisclosure(false);
  useSocketConnection();
  useApiReachability();
  useLiveUpdates();
  if (!user) return null;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
      padding="lg"
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Burger
              opened={isNavOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Group gap={8} wrap="nowrap" w={188} visibleFrom="sm">
              <BrandMark />
              <Text fw={700} size="lg" lts={-0.3}>
                dmc
              </Text>
            </Group>
            <DevIdJump />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ConnectionIndicator />
            <ThemeToggle />
            <UserMenu user={user} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar>
        <NavBar role={user.role} onNavigate={nav.close} />
        <AlertToastRegion />
      </AppShell.Navbar>
      <AppShell.Main h="100dvh" style={{ display: 'flex', flexDirection: 'column', overflow: 'auto' }}>
        <ConnectionBanner />
        <PanelErrorBoundary resetKey={pathname}>
          <Outlet />
        </PanelErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
