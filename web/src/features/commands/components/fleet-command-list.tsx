import { Anchor, Button, Group, Paper, Skeleton, Table, Text, VisuallyHidden } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { CommandRecord } from '@dmc/shared/api';
import { CommandDeliveries } from '../../../components/ui/command-deliveries';
import { CommandStateBadge } from '../../../components/ui/command-state-badge';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { fleetCommandsQueryOptions, type CommandListParams } from '../../../lib/queries/commands';
import { CommandActions } from './command-actions';
import { CommandResult } from './command-result';
import { StatusCode } from './status-code';

const clip = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

function deviceHref(devId: string): string {
  return `/devices/${encodeURIComponent(devId)}?tab=commands`;
}

function isFiltered(params: CommandListParams): boolean {
  return Boolean(params.state ?? params.command ?? (params.devId || params.createdBy || params.campaignId));
}

function FleetCommandRow({ command, canOperate }: { command: CommandRecord; canOperate: boolean }) {
  return (
    <Table.Tr data-testid="command-row" data-command-id={command.id} data-state={command.state}>
      <Table.Td style={clip}>
        <Text component="span" size="sm" ff="monospace" title={command.command.join(' ')}>
          {command.command.join(' ')}
        </Text>
      </Table.Td>
      <Table.Td style={clip}>
        <Anchor component={Link} to={deviceHref(command.devId)} size="sm" ff="monospace">
          {command.devId}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <CommandStateBadge state={command.state} outcome={command.outcome} />
        <CommandDeliveries deliveries={command.deliveries} />
      </Table.Td>
      <Table.Td>
        <StatusCode command={command} />
      </Table.Td>
      <Table.Td>
        <CommandResult command={command} />
      </Table.Td>
      <Table.Td style={clip}>
        {command.createdBy === null ? (
          <Text size="sm" c="dimmed">
            server
          </Text>
        ) : (
          <Text size="sm">{command.createdBy}</Text>
        )}
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={command.createdAt} size="sm" />
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={command.updatedAt} size="sm" c="dimmed" />
      </Table.Td>
      {canOperate && (
        <Table.Td>
          <CommandActions command={command} />
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** Every device's commands, newest first, with live state changes and "Load more". */
export function FleetCommandList({ params }: { params: CommandListParams }) {
  const query = useInfiniteQuery(fleetCommandsQueryOptions(params));
  const canOperate = useCanOperate();

  if (query.isPending) return <Skeleton height={200} radius="md" />;
  if (query.error) return <ErrorState error={query.error} title="Could not load commands" />;
  const items = query.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <EmptyState>
        {isFiltered(params)
          ? 'No commands match these filters.'
          : 'No commands yet. Commands queued for any device appear here.'}
      </EmptyState>
    );
  }
  return (
    <>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={1180} type="native">
          <Table layout="fixed" highlightOnHover verticalSpacing="xs" aria-label="Commands">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Command</Table.Th>
                <Table.Th w="16%">Device</Table.Th>
                <Table.Th w={130}>State</Table.Th>
                <Table.Th w={70}>Status</Table.Th>
                <Table.Th w="20%">Result</Table.Th>
                <Table.Th w={110}>By</Table.Th>
                <Table.Th w={100}>Queued</Table.Th>
                <Table.Th w={100}>Updated</Table.Th>
                {canOperate && (
                  <Table.Th w={110}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((command) => (
                <FleetCommandRow key={command.id} command={command} canOperate={canOperate} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {query.hasNextPage && (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            size="sm"
            loading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}
    </>
  );
}
