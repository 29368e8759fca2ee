import { Badge, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { NotificationRecord } from '@dmc/shared/api';
import { RelativeTime } from '../../../components/ui/relative-time';
import { deviceNotificationsQueryOptions } from '../../../lib/queries/notifications';

const COLOR: Record<NotificationRecord['state'], string> = {
  pending: 'yellow',
  sent: 'blue',
  answered: 'teal',
  failed: 'red',
  expired: 'orange',
};

const WORDS: Record<NotificationRecord['state'], string> = {
  pending: 'wake-up pending',
  sent: 'wake-up sent, waiting for the session',
  answered: 'device answered',
  failed: 'wake-up failed',
  expired: 'wake-up gave up',
};

/** The latest wake-up: state, attempts and last error, updated live by 'notification:updated'. */
export function NotificationStatus({ devId }: { devId: string }) {
  const { data } = useQuery(deviceNotificationsQueryOptions(devId));
  const latest = data?.items[0];
  if (!latest) return null;
  const attempts = `${latest.attempts} attempt${latest.attempts === 1 ? '' : 's'}`;
  return (
    <Group gap={6} wrap="nowrap" data-testid="notification-status" data-state={latest.state}>
      <Badge size="sm" variant="light" radius="sm" color={COLOR[latest.state]}>
        {latest.state}
      </Badge>
      <Text size="xs" c="dimmed">
        {WORDS[latest.state]} · {attempts}
        {latest.lastError ? ` · ${latest.lastError}` : ''} ·{' '}
        <RelativeTime iso={latest.updatedAt} size="xs" c="dimmed" />
      </Text>
    </Group>
  );
}
