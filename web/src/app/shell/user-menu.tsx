import { Avatar, Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ChevronDown, CircleUser, LogOut } from 'lucide-react';
import { Link } from 'react-router';
import type { User } from '@dmc/shared/api';
import { useLogout } from '../../features/auth/api/logout';

export function UserMenu({ user }: { user: User }) {
  const logoutMutation = useLogout();
  const signOut = () =>
    logoutMutation.mutate(undefined, {
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Sign-out failed',
          message: `${error.message} (${error.code})`,
        }),
    });

  return (
    <>
      <Menu position="bottom-end" width={220} shadow="md">
        <Menu.Target>
          <UnstyledButton aria-label={`User menu: ${user.username} (${user.role})`} data-testid="user-menu">
            <Group gap={8} wrap="nowrap">
              <Avatar size={30} radius="xl" color="indigo" variant="light">
                {user.username.slice(0, 2).toUpperCase()}
              </Avatar>
              <Text size="sm" fw={500} visibleFrom="sm">
                {user.username}
              </Text>
              <Badge size="sm" variant="light" radius="sm" tt="none" visibleFrom="sm">
                {user.role}
              </Badge>
              <ChevronDown size={14} aria-hidden />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            Signed in as <b>{user.username}</b> · {user.role}
          </Menu.Label>
          <Menu.Item component={Link} to="/account" leftSection={<CircleUser size={16} aria-hidden />}>
            Account
          </Menu.Item>
          <Menu.Item leftSection={<LogOut size={16} aria-hidden />} onClick={signOut}>
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
