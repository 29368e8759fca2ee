import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiToken, CreatedApiToken, User } from '@dmc/shared/api';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { getApiTokensQueryOptions } from '../../../lib/queries/api-tokens';
import { useRevokeApiToken } from '../api/account-mutations';
import { CreateTokenForm } from './create-token-form';
import { CreatedTokenModal } from './created-token-modal';

function TokensTable({
  items,
  showOwner,
  onRevoke,
}: {
  items: ApiToken[];
  showOwner: boolean;
  onRevoke: (t: ApiToken) => void;
}) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No API tokens yet.
      </Text>
    );
  }
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={720} type="native">
        <Table highlightOnHover verticalSpacing="xs" aria-label="API tokens">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              {showOwner && <Table.Th>Owner</Table.Th>}
              <Table.Th>Role</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((token) => (
              <Table.Tr key={token.id} data-testid="token-row">
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {token.name}
                  </Text>
                </Table.Td>
                {showOwner && <Table.Td>{token.username}</Table.Td>}
                <Table.Td>
                  <Badge size="sm" variant="light" tt="none">
                    {token.role}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={token.createdAt} size="sm" />
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={token.lastUsedAt} size="sm" />
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={token.expiresAt} size="sm" />
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => onRevoke(token)}>
                      Revoke
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** API tokens for scripts and integrations: create (the secret shown once), list, revoke. */
export function ApiTokensSection({ user }: { user: User }) {
  const { data, error, isPending } = useQuery(getApiTokensQueryOptions());
  const revoke = useRevokeApiToken();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, {
      onSettled: () => setRevoking(null),
      onError: (err) => notifications.show({ color: 'red', title: 'Could not revoke', message: err.message }),
    });
  };

  return (
    <Stack gap="xs">
      <Stack gap={2}>
        <Title order={3} fz="h4" fw={600}>
          API tokens
        </Title>
        <Text size="sm" c="dimmed">
          For scripts and integrations, sent as a bearer token. A token acts with its own role or yours,
          whichever is lower, and ends when you are disabled or your role changes.
          {user.role === 'admin' && ' As an admin you see and may revoke every user’s tokens.'}
        </Text>
      </Stack>
      {isPending ? (
        <Skeleton height={80} radius="md" />
      ) : error ? (
        <ErrorState error={error} title="Could not load API tokens" />
      ) : (
        <TokensTable items={data.items} showOwner={user.role === 'admin'} onRevoke={setRevoking} />
      )}
      <CreateTokenForm role={user.role} onCreated={setCreated} />
      <CreatedTokenModal created={created} onClose={() => setCreated(null)} />
      <Modal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke "${revoking?.name ?? ''}"?`}
      >
        <Stack gap="sm">
          <Text size="sm">Anything using this token is refused from now on. This cannot be undone.</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Keep it
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={confirmRevoke}>
              Revoke
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
