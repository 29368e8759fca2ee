import {
  Badge,
  Button,
  Group,
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
import type { AuthSession } from '@dmc/shared/api';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { getAuthSessionsQueryOptions } from '../../../lib/queries/auth-sessions';
import { useEndOtherSessions, useEndSession } from '../api/account-mutations';

function failed(error: { message: string }) {
  notifications.show({ color: 'red', title: 'Could not sign the session out', message: error.message });
}

function SessionRow({
  session,
  onEnd,
  ending,
}: {
  session: AuthSession;
  onEnd: () => void;
  ending: boolean;
}) {
  return (
    <Table.Tr data-testid="session-row" data-current={session.current || undefined}>
      <Table.Td>
        <Stack gap={2}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={500} lineClamp={1} title={session.userAgent ?? undefined}>
              {session.userAgent ?? 'Unknown client'}
            </Text>
            {session.current && (
              <Badge size="sm" variant="light" color="teal" tt="none">
                This session
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {session.kind === 'cookie' ? 'Console (cookie)' : 'Script (bearer token)'}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {session.address ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={session.createdAt} size="sm" />
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={session.lastUsedAt} size="sm" />
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={session.idleExpiresAt} size="sm" />
      </Table.Td>
      <Table.Td>
        <Group justify="flex-end">
          {!session.current && (
            <Button size="compact-xs" variant="subtle" color="red" loading={ending} onClick={onEnd}>
              Sign out
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** The user's own sessions: this one marked; any other can be signed out, or all others at once. */
export function SessionsTable() {
  const { data, error, isPending } = useQuery(getAuthSessionsQueryOptions());
  const end = useEndSession();
  const endOthers = useEndOtherSessions();
  if (isPending) return <Skeleton height={120} radius="md" />;
  if (error) return <ErrorState error={error} title="Could not load your sessions" />;
  const others = data.items.filter((s) => !s.current).length;

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={3} fz="h4" fw={600}>
            Your sessions
          </Title>
          <Text size="sm" c="dimmed">
            Where you are signed in. A session ends 12 hours after sign-in, or sooner when left unused.
          </Text>
        </Stack>
        <Button
          variant="light"
          color="red"
          disabled={others === 0}
          loading={endOthers.isPending}
          onClick={() =>
            endOthers.mutate(undefined, {
              onSuccess: ({ ended }) =>
                notifications.show({
                  color: 'teal',
                  title: 'Signed out everywhere else',
                  message: `${ended} other ${ended === 1 ? 'session has' : 'sessions have'} ended.`,
                }),
              onError: failed,
            })
          }
        >
          Sign out everywhere else
        </Button>
      </Group>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={760} type="native">
          <Table highlightOnHover verticalSpacing="xs" aria-label="Your sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Client</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Ends if unused</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((session) => (
                <SessionRow
                  key={session.id}
                  session={session}
                  ending={end.isPending && end.variables === session.id}
                  onEnd={() => end.mutate(session.id, { onError: failed })}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
