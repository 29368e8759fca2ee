import { Badge, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { CommandDeliveries } from '../../../components/ui/command-deliveries';
import { CommandStateBadge } from '../../../components/ui/command-state-badge';
import { RelativeTime } from '../../../components/ui/relative-time';
import type { TimelineEntry } from '../lib/merge-timeline';

const SESSION_COLOR = {
  open: 'blue',
  completed: 'teal',
  abandoned: 'orange',
  superseded: 'gray',
  aborted: 'red',
  refused: 'red',
};

function Line({ title, children, at }: { title: ReactNode; children?: ReactNode; at: string }) {
  return (
    <>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          {title}
        </Group>
        <RelativeTime iso={at} size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} />
      </Group>
      {children}
    </>
  );
}

const mono = { wordBreak: 'break-all' } as const;

/** One timeline row: what happened, its state in colour and word, and when. */
export function TimelineEntryView({ entry }: { entry: TimelineEntry }) {
  switch (entry.kind) {
    case 'session': {
      const { session } = entry;
      return (
        <Line
          at={entry.at}
          title={
            <>
              <Text size="sm" fw={600}>
                DM session
              </Text>
              <Badge size="sm" variant="light" radius="sm" color={SESSION_COLOR[session.status]}>
                {session.status}
              </Badge>
            </>
          }
        >
          <Text size="xs" c="dimmed">
            {session.endedAt ? (
              <>
                ended <RelativeTime iso={session.endedAt} size="xs" c="dimmed" />
              </>
            ) : (
              'in progress'
            )}
            {session.packages === undefined ? '' : ` · ${session.packages} package(s)`}
          </Text>
        </Line>
      );
    }
    case 'command': {
      const { command } = entry;
      return (
        <Line
          at={entry.at}
          title={
            <>
              <Text size="sm" fw={600}>
                {command.command[0]}
              </Text>
              <CommandStateBadge state={command.state} outcome={command.outcome} />
              {command.sc !== null && (
                <Text size="xs" c="dimmed" title={command.scMeaning ?? undefined}>
                  {command.sc} {command.scMeaning}
                </Text>
              )}
              <CommandDeliveries deliveries={command.deliveries} />
            </>
          }
        >
          <Text size="xs" ff="monospace" c="dimmed" style={mono} lineClamp={2}>
            {command.command.slice(1).join(' ')}
          </Text>
        </Line>
      );
    }
    case 'alert': {
      const { alert } = entry;
      return (
        <Line
          at={entry.at}
          title={
            <>
              <Text size="sm" fw={600}>
                Alert
              </Text>
              {alert.mark && (
                <Badge size="sm" variant="light" radius="sm" color="red">
                  {alert.mark}
                </Badge>
              )}
            </>
          }
        >
          <Text size="xs" ff="monospace" c="dimmed" style={mono}>
            {alert.alertType}
            {alert.sourceUri ? ` · ${alert.sourceUri}` : ''}
          </Text>
        </Line>
      );
    }
    case 'notification': {
      const { notification } = entry;
      return (
        <Line
          at={entry.at}
          title={
            <>
              <Text size="sm" fw={600}>
                Wake-up (P0)
              </Text>
              <Badge size="sm" variant="light" radius="sm">
                {notification.state}
              </Badge>
            </>
          }
        >
          <Text size="xs" c="dimmed">
            {notification.reason === 'manual' ? 'Wake now' : 'for queued work'} · {notification.attempts}{' '}
            attempt(s){notification.lastError ? ` · ${notification.lastError}` : ''}
          </Text>
        </Line>
      );
    }
  }
}
