import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { CheckCheck } from 'lucide-react';
import { Link } from 'react-router';
import type { AlertRecord } from '@dmc/shared/api';
import { AlertMarkBadge } from '../../../components/ui/alert-mark-badge';
import { RelativeTime } from '../../../components/ui/relative-time';

/** The latest critical and fatal alerts; acknowledged ones stay, marked as such. */
export function CriticalAlertsPanel({ alerts }: { alerts: readonly AlertRecord[] }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Latest critical alerts">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="sm" fw={600}>
          Latest critical alerts
        </Title>
        <Anchor component={Link} to="/alerts?mark=critical" size="xs">
          Open the feed
        </Anchor>
      </Group>
      {alerts.length === 0 ? (
        <Text size="sm" c="dimmed">
          No critical or fatal alerts.
        </Text>
      ) : (
        <Stack gap={8}>
          {alerts.map((alert) => (
            <Group
              key={alert.id}
              gap="sm"
              wrap="nowrap"
              data-testid="critical-alert"
              opacity={alert.acknowledgedAt ? 0.6 : 1}
            >
              <AlertMarkBadge mark={alert.mark} />
              <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" fw={500} truncate title={alert.alertType}>
                  {alert.alertType.split(':').filter(Boolean).at(-1) ?? alert.alertType}
                </Text>
                <Anchor
                  component={Link}
                  to={`/devices/${encodeURIComponent(alert.devId)}`}
                  size="xs"
                  ff="monospace"
                >
                  {alert.devId}
                </Anchor>
              </Stack>
              {alert.acknowledgedAt && (
                <CheckCheck
                  size={14}
                  color="var(--mantine-color-teal-6)"
                  aria-label={`Acknowledged by ${alert.acknowledgedBy ?? 'someone'}`}
                />
              )}
              <RelativeTime iso={alert.receivedAt} size="xs" c="dimmed" />
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
