import { Paper, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import type { CommandRecord } from '@dmc/shared/api';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { useDeviceCommands } from '../api/get-device-commands';
import { useCommandLiveUpdates } from '../hooks/use-command-live-updates';
import { CommandStateBadge } from './command-state-badge';

function StatusCode({ command }: { command: CommandRecord }) {
  if (command.sc === null) return <Text c="dimmed">—</Text>;
  const code = (
    <Text component="span" size="sm" ff="monospace" td={command.scMeaning ? 'underline dotted' : undefined}>
      {command.sc}
    </Text>
  );
  return command.scMeaning ? <Tooltip label={`${command.sc} ${command.scMeaning}`}>{code}</Tooltip> : code;
}

/** The device's commands, newest first, with live state changes. */
export function DeviceCommandsTab({ devId }: { devId: string }) {
  const { data, error, isPending } = useDeviceCommands(devId);
  useCommandLiveUpdates(devId);

  if (isPending) return <Skeleton height={160} radius="md" />;
  if (error) return <ErrorState error={error} title="Could not load commands" />;
  if (data.items.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl">
        <Text ta="center" c="dimmed" size="sm">
          No commands have been queued for this device.
        </Text>
      </Paper>
    );
  }
  const items = data.items.slice().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={640} type="native">
        <Table highlightOnHover verticalSpacing="xs" aria-label="Commands">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Command</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Queued</Table.Th>
              <Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((command) => (
              <Table.Tr key={command.id} data-testid="command-row" data-command-id={command.id}>
                <Table.Td>
                  <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {command.command.join(' ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <CommandStateBadge state={command.state} />
                </Table.Td>
                <Table.Td>
                  <StatusCode command={command} />
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={command.createdAt} size="sm" />
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={command.updatedAt} size="sm" c="dimmed" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
