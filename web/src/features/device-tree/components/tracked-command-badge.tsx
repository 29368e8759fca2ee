import { Badge, Group, Text } from '@mantine/core';
import type { CommandState } from '@dmc/shared/api';
import type { NodeCommand } from '../hooks/use-node-commands';

const COLOR: Record<CommandState, string> = {
  queued: 'gray',
  sent: 'blue',
  accepted: 'cyan',
  ok: 'green',
  failed: 'red',
  cancelled: 'gray',
  expired: 'orange',
};

/** "Refresh · sent": a command the tree queued, live from 'command:state-changed'. */
export function TrackedCommandBadge({ command }: { command: NodeCommand }) {
  const isRunning = command.state === 'queued' || command.state === 'sent' || command.state === 'accepted';
  return (
    <Group gap={6} wrap="nowrap" data-testid="tracked-command" data-state={command.state}>
      <Text size="xs" c="dimmed">
        {command.label}
      </Text>
      <Badge
        size="sm"
        variant="light"
        color={COLOR[command.state]}
        className={isRunning ? 'dmc-pulse' : undefined}
      >
        {command.state}
        {command.sc !== null ? ` · ${command.sc}` : ''}
      </Badge>
    </Group>
  );
}
