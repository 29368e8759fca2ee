import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Skeleton,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLES, type Role, type UserAccount } from '@dmc/shared/api';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { getUsersQueryOptions } from '../../../lib/queries/users';
import { useClearUserLockout, useDeleteUser, useUpdateUser } from '../api/user-mutations';
import { ConfirmUserActionModal, type UserAction } from './confirm-user-action-modal';
import { ResetPasswordModal } from './reset-password-modal';

function failed(error: { status: number; message: string }) {
  notifications.show({
    color: 'red',
    autoClose: 10_000,
    title: error.status === 409 ? 'The last enabled admin is kept' : 'Could not change the user',
    message: error.message,
  });
}

function UserRow({
  user,
  onAction,
  onReset,
  onClearLockout,
}: {
  user: UserAccount;
  onAction: (action: UserAction) => void;
  onReset: (username: string) => void;
  onClearLockout: (username: string) => void;
}) {
  const { username } = user;
  return (
    <Table.Tr data-testid="user-row" data-username={username}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {username}
        </Text>
      </Table.Td>
      <Table.Td>
        <NativeSelect
          aria-label={`Role of ${username}`}
          size="xs"
          w={130}
          data={[...ROLES]}
          value={user.role}
          onChange={(e) => {
            const role = e.currentTarget.value;
            if (role !== user.role) onAction({ kind: 'role', username, role });
          }}
        />
      </Table.Td>
      <Table.Td>
        <Badge color={user.disabled ? 'red' : 'teal'} variant="light" tt="none" data-testid="user-status">
          {user.disabled ? 'disabled' : 'active'}
        </Badge>
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={user.createdAt} size="sm" />
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={user.lastLoginAt} size="sm" />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => onAction({ kind: user.disabled ? 'enable' : 'disable', username })}
          >
            {user.disabled ? 'Enable' : 'Disable'}
          </Button>
          <Button size="compact-xs" variant="subtle" onClick={() => onReset(username)}>
            Reset password
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            title="Forget the failed sign-ins of this user, so it may sign in again at once"
            onClick={() => onClearLockout(username)}
          >
            Clear lockout
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() => onAction({ kind: 'delete', username })}
          >
            Delete
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Every console user with its role, status, creation and last sign-in, and what an admin may do. */
export function UsersTable() {
  const { data, error, isPending } = useQuery(getUsersQueryOptions());
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const clearLockout = useClearUserLockout();
  const [action, setAction] = useState<UserAction | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);
  if (isPending) return <Skeleton height={160} radius="md" />;
  if (error) return <ErrorState error={error} title="Could not load users" />;

  const confirm = () => {
    if (!action) return;
    const done = { onSettled: () => setAction(null), onError: failed };
    const { username } = action;
    if (action.kind === 'delete') remove.mutate(username, done);
    else if (action.kind === 'role') update.mutate({ username, change: { role: action.role as Role } }, done);
    else update.mutate({ username, change: { disabled: action.kind === 'disable' } }, done);
  };

  const onClearLockout = (username: string) =>
    clearLockout.mutate(username, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          title: 'Lockout cleared',
          message: `${username} may sign in again at once.`,
        }),
      onError: failed,
    });

  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={820} type="native">
        <Table highlightOnHover verticalSpacing="xs" aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>User</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last sign-in</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((user) => (
              <UserRow
                key={user.username}
                user={user}
                onAction={setAction}
                onReset={setResetting}
                onClearLockout={onClearLockout}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmUserActionModal
        action={action}
        pending={update.isPending || remove.isPending}
        onConfirm={confirm}
        onClose={() => setAction(null)}
      />
      <ResetPasswordModal
        username={resetting}
        onClose={() => setResetting(null)}
        onDone={(username) =>
          notifications.show({
            color: 'teal',
            title: 'Password reset',
            message: `${username} must sign in again.`,
          })
        }
      />
    </Paper>
  );
}
