import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { ShieldAlert } from 'lucide-react';
import { useQuery } from '@tanstack/react-query';
import type { RefusalEndpoint, RefusalRecord } from '@dmc/shared/api';
import { RelativeTime } from '../../../components/ui/relative-time';
import { deviceRefusalsQueryOptions } from '../../../lib/queries/refusals';

const WHERE: Record<RefusalEndpoint, string> = {
  dm: 'P1 at /dm',
  'dm-session': 'P3 (session)',
  'dm-job': 'Job outcome',
  'dr-inbox': 'Upload',
};

function RefusalRow({ refusal }: { refusal: RefusalRecord }) {
  return (
    <Table.Tr data-testid="refusal-row">
      <Table.Td>
        <RelativeTime iso={refusal.at} size="sm" />
      </Table.Td>
      <Table.Td>
        <Badge color={refusal.status === 401 || refusal.status === 403 ? 'red' : 'orange'} variant="light">
          {refusal.status}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{refusal.reason}</Text>
        <Text size="xs" c="dimmed">
          {WHERE[refusal.endpoint]} · {refusal.code}
          {refusal.suppressed > 0 ? ` · ${refusal.suppressed} more like it not listed` : ''}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The device's last refused contacts (time, HTTP status, reason), live: why a device that keeps
 * trying is locked out. Shown only when there are some.
 */
export function RefusedContactsPanel({ devId }: { devId: string }) {
  const { data } = useQuery(deviceRefusalsQueryOptions(devId));
  const items = data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="refused-contacts-title">
      <Stack gap="xs">
        <Group gap="xs">
          <ShieldAlert size={18} aria-hidden />
          <Title order={3} size="h5" id="refused-contacts-title">
            Refused contacts
          </Title>
          <Text size="xs" c="dimmed">
            the last {items.length}, newest first
          </Text>
        </Group>
        <Table verticalSpacing={4} aria-labelledby="refused-contacts-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={140}>Time</Table.Th>
              <Table.Th w={80}>Status</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((refusal) => (
              <RefusalRow key={refusal.id} refusal={refusal} />
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
