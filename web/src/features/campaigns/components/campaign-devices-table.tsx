import { Group, NativeSelect, Paper, Skeleton, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import { campaignDeviceStateSchema, CAMPAIGN_DEVICE_STATES, type CampaignDeviceState } from '@dmc/shared/api';
import { CursorPager } from '../../../components/ui/cursor-pager';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { campaignDevicesQueryOptions } from '../../../lib/queries/campaigns';
import { waveLabel } from '../lib/campaign-labels';
import { CampaignDeviceStateBadge } from './campaign-badges';
import { DeviceLink, ReasonText, WorkLink } from './campaign-device-cells';

/**
 * Every device of the campaign with its part in it; the state filter lives in the URL (`devices`).
 * `hasCanary`: wave 0 is the canary group, named as in the waves table.
 */
export function CampaignDevicesTable({ campaignId, hasCanary }: { campaignId: string; hasCanary: boolean }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const parsed = campaignDeviceStateSchema.safeParse(searchParams.get('devices'));
  const state: CampaignDeviceState | undefined = parsed.success ? parsed.data : undefined;
  const pages = useCursorPages(state);
  const { data, error, isPending } = useQuery(campaignDevicesQueryOptions(campaignId, state, pages.cursor));

  return (
    <Stack gap="sm" component="section" aria-label="Devices of the campaign">
      <Group justify="space-between" align="flex-end">
        <Title order={3} fz="md" fw={600}>
          Devices
        </Title>
        <NativeSelect
          label="Device state"
          w={200}
          value={state ?? ''}
          onChange={(e) => {
            const next = e.currentTarget.value;
            setSearchParams(
              (prev) => {
                const params = new URLSearchParams(prev);
                if (next) params.set('devices', next);
                else params.delete('devices');
                return params;
              },
              { replace: true },
            );
          }}
          data={[
            { value: '', label: 'Every state' },
            ...CAMPAIGN_DEVICE_STATES.map((s) => ({ value: s, label: s })),
          ]}
        />
      </Group>
      {isPending ? (
        <Skeleton height={160} radius="md" />
      ) : error ? (
        <ErrorState error={error} title="Could not load the campaign's devices" />
      ) : data.items.length === 0 ? (
        <EmptyState>{state ? `No device is ${state}.` : 'No devices yet.'}</EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={800} type="native">
            <Table verticalSpacing="xs" aria-label="Campaign devices">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>DevID</Table.Th>
                  <Table.Th w={70}>Wave</Table.Th>
                  <Table.Th w={100}>State</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th w={100}>Work</Table.Th>
                  <Table.Th w={120}>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((row) => (
                  <Table.Tr key={row.devId} data-testid="campaign-device-row" data-devid={row.devId}>
                    <Table.Td>
                      <DeviceLink devId={row.devId} />
                    </Table.Td>
                    <Table.Td>{row.wave === null ? '—' : waveLabel(row.wave, hasCanary)}</Table.Td>
                    <Table.Td>
                      <CampaignDeviceStateBadge state={row.state} />
                    </Table.Td>
                    <Table.Td>
                      <ReasonText row={row} />
                    </Table.Td>
                    <Table.Td>
                      <WorkLink row={row} />
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime iso={row.updatedAt} size="sm" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <CursorPager pages={pages} nextCursor={data?.nextCursor} />
    </Stack>
  );
}
