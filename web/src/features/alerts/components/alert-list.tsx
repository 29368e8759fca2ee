import { Anchor, Paper, Skeleton, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { AlertRecord } from '@dmc/shared/api';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { useAlerts } from '../api/get-alerts';
import { AlertMarkBadge } from './alert-mark-badge';

const clip = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

function dataSummary(alert: AlertRecord): string {
  return alert.data ? JSON.stringify(alert.data) : '';
}

type AlertListProps = { devId: string | null };

/** Recent alerts, newest first; the fleet feed when `devId` is null. New ones arrive live. */
export function AlertList({ devId }: AlertListProps) {
  const { data, error, isPending } = useAlerts({ devId });
  const showDevice = devId === null;

  if (isPending) return <Skeleton height={200} radius="md" />;
  if (error) return <ErrorState error={error} title="Could not load alerts" />;
  if (data.items.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl">
        <Text ta="center" c="dimmed" size="sm">
          No alerts yet. Alerts that devices send appear here as they arrive.
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={900} type="native">
        <Table layout="fixed" highlightOnHover verticalSpacing="xs" aria-label="Alerts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>Mark</Table.Th>
              <Table.Th>Alert type</Table.Th>
              {showDevice && <Table.Th w="20%">Device</Table.Th>}
              <Table.Th>Source</Table.Th>
              <Table.Th>Data</Table.Th>
              <Table.Th w={120}>Received</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((alert) => (
              <Table.Tr key={alert.id} data-testid="alert-row" data-alert-id={alert.id}>
                <Table.Td>
                  <AlertMarkBadge mark={alert.mark} />
                </Table.Td>
                <Table.Td style={clip}>
                  <Text component="span" size="sm" ff="monospace" title={alert.alertType}>
                    {alert.alertType}
                  </Text>
                </Table.Td>
                {showDevice && (
                  <Table.Td style={clip}>
                    <Anchor
                      component={Link}
                      to={`/devices/${encodeURIComponent(alert.devId)}`}
                      size="sm"
                      ff="monospace"
                    >
                      {alert.devId}
                    </Anchor>
                  </Table.Td>
                )}
                <Table.Td style={clip}>
                  <Text
                    component="span"
                    size="sm"
                    ff="monospace"
                    c="dimmed"
                    title={alert.sourceUri ?? undefined}
                  >
                    {alert.sourceUri ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td style={clip}>
                  <Text component="span" size="sm" ff="monospace" c="dimmed" title={dataSummary(alert)}>
                    {dataSummary(alert) || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={alert.receivedAt} size="sm" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
