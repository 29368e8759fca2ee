import { Badge, NavLink, Stack, Text } from '@mantine/core';
import { NavLink as RouterNavLink, useLocation } from 'react-router';
import type { Role } from '@dmc/shared/api';
import { NAV_ITEMS, type NavItem } from './nav-items';

type EntryProps = { item: NavItem; pathname: string; onNavigate: () => void };

function Entry({ item, pathname, onNavigate }: EntryProps) {
  const icon = <item.icon size={18} strokeWidth={1.75} aria-hidden />;
  if (!item.to) {
    return (
      <NavLink
        component="div"
        label={item.label}
        leftSection={icon}
        rightSection={
          <Badge size="xs" variant="default" radius="sm" tt="none" fw={500}>
            soon
          </Badge>
        }
        disabled
        aria-disabled="true"
        title="Coming soon"
        data-testid="nav-disabled"
      />
    );
  }
  const isActive = pathname === item.to || pathname.startsWith(`${item.to}/`);
  return (
    <NavLink
      component={RouterNavLink}
      to={item.to}
      label={item.label}
      leftSection={icon}
      active={isActive}
      onClick={onNavigate}
    />
  );
}

/** Main navigation; admin-only screens are listed only for admins. */
export function NavBar({ role, onNavigate }: { role: Role; onNavigate: () => void }) {
  const { pathname } = useLocation();
  const items = NAV_ITEMS.filter((item) => !item.isAdminOnly || role === 'admin');
  const main = items.filter((i) => !i.isAdminOnly);
  const admin = items.filter((i) => i.isAdminOnly);
  return (
    <Stack gap={2} p="sm" component="nav" aria-label="Main">
      {main.map((item) => (
        <Entry key={item.label} item={item} pathname={pathname} onNavigate={onNavigate} />
      ))}
      {admin.length > 0 && (
        <>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.5} px="sm" pt="md" pb={4}>
            Administration
          </Text>
          {admin.map((item) => (
            <Entry key={item.label} item={item} pathname={pathname} onNavigate={onNavigate} />
          ))}
        </>
      )}
    </Stack>
  );
}
