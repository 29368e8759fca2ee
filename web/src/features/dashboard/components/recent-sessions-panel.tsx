import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { RecentSession } from '@dmc/shared/api';
import { RelativeTime } from '../../../components/ui/relative-time';

const STATUS_COLOR: Record<RecentSession['status'], string> = {
  open: 'blue',
  completed: 'teal',
  abandoned: 'orange',
  superseded: 'gray',
  aborted: 'red',
};

/** The latest DM sessions of the fleet, live. */
export function RecentSessionsPanel({ sessions }: { sessions: readonly RecentSession[] }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Latest sessions">
      <Title order={3} fz="sm" fw={600} mb="sm">
        Latest sessions
      </Title>
      {sessions.length === 0 ? (
        <Text size="sm" c="dimmed">
          No device has contacted the server yet.
        </Text>
      ) : (
        <Stack gap={8}>
          {sessions.map((session) => (
            <Group key={session.id} gap="sm" wrap="nowrap" data-testid="recent-session">
              <Badge color={STATUS_COLOR[session.status]} variant="light" radius="sm" size="xs" w={84}>
                {session.status}
              </Badge>
              <Anchor
                component={Link}
                to={`/devices/${encodeURIComponent(session.devId)}`}
                size="sm"
                ff="monospace"
                truncate
                style={{ flex: 1, minWidth: 0 }}
              >
                {session.devId}
              </Anchor>
              <RelativeTime iso={session.startedAt} size="xs" c="dimmed" />
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
