import { Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { CampaignDevice } from '@dmc/shared/api';
import { campaignDevicesQueryOptions } from '../../../lib/queries/campaigns';
import { DeviceLink } from './campaign-device-cells';

/** The most failed devices read to group their reasons. */
const FAILURE_SAMPLE = 200;

type ReasonGroup = { key: string; reason: string; detail: string | null; count: number; devIds: string[] };

/** Failed devices grouped by reason (and the reason in words), most frequent first. */
export function groupFailures(rows: readonly CampaignDevice[]): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>();
  for (const row of rows) {
    const reason = row.reason ?? (row.sc !== null ? `status ${row.sc}` : 'unknown');
    const key = `${reason}\u0000${row.detail ?? ''}`;
    const group = groups.get(key) ?? { key, reason, detail: row.detail, count: 0, devIds: [] };
    group.count += 1;
    if (group.devIds.length < 3) group.devIds.push(row.devId);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** Why devices failed: shown only when some did. */
export function CampaignFailures({ campaignId, failed }: { campaignId: string; failed: number }) {
  const { data } = useQuery({
    ...campaignDevicesQueryOptions(campaignId, 'failed', undefined, FAILURE_SAMPLE),
    enabled: failed > 0,
  });
  if (failed === 0 || !data) return null;
  const groups = groupFailures(data.items);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Failures">
      <Stack gap="xs">
        <Title order={3} fz="md" fw={600}>
          Failures
        </Title>
        {failed > data.items.length && (
          <Text size="xs" c="dimmed">
            Reasons of the first {data.items.length} of {failed} failed devices.
          </Text>
        )}
        <Table verticalSpacing="xs" aria-label="Failure reasons">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Reason</Table.Th>
              <Table.Th w={80}>Devices</Table.Th>
              <Table.Th>For example</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.map((g) => (
              <Table.Tr key={g.key} data-testid="failure-reason">
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {g.reason}
                  </Text>
                  {g.detail && (
                    <Text size="xs" c="dimmed">
                      {g.detail}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{g.count}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {g.devIds.map((devId) => (
                      <DeviceLink key={devId} devId={devId} />
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
