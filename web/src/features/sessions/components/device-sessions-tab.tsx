import { Badge, Button, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { SessionSummary } from '@dmc/shared/api';
import { CursorPager } from '../../../components/ui/cursor-pager';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import { deviceSessionPageQueryOptions } from '../../../lib/queries/sessions';
import { formatDuration } from '../lib/format';
import { SessionInspector } from './session-inspector';
import { SESSION_RESULT_COLOR } from './session-result';

function SessionRow({ session, onOpen }: { session: SessionSummary; onOpen: () => void }) {
  const time = new Date(session.startedAt).toLocaleString();
  return (
    <Table.Tr data-testid="session-row" data-status={session.status}>
      <Table.Td>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={onOpen}
          aria-label={`Open the session of ${time}`}
        >
          {time}
        </Button>
      </Table.Td>
      <Table.Td>{session.durationMs === undefined ? '—' : formatDuration(session.durationMs)}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={SESSION_RESULT_COLOR[session.status]}>
          {session.status}
        </Badge>
        {session.reason && (
          <Text size="xs" c="dimmed">
            {session.reason}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{session.commandCount ?? '—'}</Table.Td>
      <Table.Td>{session.packageCount ?? '—'}</Table.Td>
    </Table.Tr>
  );
}

/** The device's DM sessions and refused contacts, newest first and live; one opens in the inspector. */
export function DeviceSessionsTab({ devId }: { devId: string }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const open = searchParams.get('session');
  const pages = useCursorPages(devId);
  const { data, error, isPending } = useQuery(deviceSessionPageQueryOptions(devId, pages.cursor));
  const show = (sessionId: string | null) =>
    setSearchParams(
      (params) => {
        const next = new URLSearchParams(params);
        if (sessionId === null) next.delete('session');
        else next.set('session', sessionId);
        return next;
      },
      { replace: false },
    );

  if (open) return <SessionInspector devId={devId} sessionId={open} onBack={() => show(null)} />;
  if (isPending) return <Skeleton height={240} radius="md" />;
  if (error) return <ErrorState error={error} title="Could not load the sessions" />;
  if (data.items.length === 0) return <EmptyState>This device has not opened a DM session yet.</EmptyState>;
  return (
    <Stack gap="sm">
      <Paper withBorder radius="md" p="md">
        <Table aria-label="Sessions" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Duration</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Commands</Table.Th>
              <Table.Th>Packages</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((session) => (
              <SessionRow key={session.id} session={session} onOpen={() => show(session.id)} />
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <CursorPager
        pages={pages}
        nextCursor={data.nextCursor}
        labels={{ previous: 'Newer sessions', next: 'Older sessions' }}
      />
    </Stack>
  );
}
