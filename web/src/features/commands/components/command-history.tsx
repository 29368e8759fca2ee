import { Paper, Skeleton, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { deviceCommandsQueryOptions } from '../../../lib/queries/commands';
import { CommandActions } from './command-actions';
import { CommandDeliveries } from '../../../components/ui/command-deliveries';
import { CommandResult } from './command-result';
import { CommandStateBadge } from '../../../components/ui/command-state-badge';
import { StatusCode } from './status-code';
import { EmptyState } from '../../../components/ui/empty-state';

/** The device's queue and history, newest first, with live state changes. */
export function CommandHistory({ devId }: { devId: string }) {
  const { data, error, isPending } = useQuery(deviceCommandsQueryOptions(devId));
  const canOperate = useCanOperate();

  if (isPending) return <Skeleton height={160} radius="md" />;
  if (error) return <ErrorState error={error} title="Could not load commands" />;
  if (data.items.length === 0) {
    return <EmptyState>No commands have been queued for this device.</EmptyState>;
  }
  const items = data.items.slice().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={860} type="native">
        <Table highlightOnHover verticalSpacing="xs" aria-label="Commands">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Command</Table.Th>
              <Table.Th w={120}>State</Table.Th>
              <Table.Th w={70}>Status</Table.Th>
              <Table.Th w="22%">Result</Table.Th>
              <Table.Th w={110}>Queued</Table.Th>
              <Table.Th w={110}>By</Table.Th>
              <Table.Th w={110}>Updated</Table.Th>
              {canOperate && (
                <Table.Th w={90}>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((command) => (
              <Table.Tr key={command.id} data-testid="command-row" data-command-id={command.id}>
                <Table.Td>
                  <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }} lineClamp={3}>
                    {command.command.join(' ')}
                  </Text>
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
                <Table.Td>
                  <RelativeTime iso={command.createdAt} size="sm" />
                </Table.Td>
                <Table.Td>
                  {command.createdBy === null ? (
                    <Text size="sm" c="dimmed">
                      server
                    </Text>
                  ) : (
                    <Text size="sm">{command.createdBy}</Text>
                  )}
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
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
