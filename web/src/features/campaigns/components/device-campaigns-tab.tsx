import { Anchor, Paper, Skeleton, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { RelativeTime } from '../../../components/ui/relative-time';
import { deviceCampaignsQueryOptions } from '../../../lib/queries/campaigns';
import { CampaignDeviceStateBadge, CampaignStateBadge } from './campaign-badges';
import { waveLabel } from '../lib/campaign-labels';
import { ReasonText, WorkLink } from './campaign-device-cells';

/** The device's part in each campaign, newest first, with links to the campaigns. */
export function DeviceCampaignsTab({ devId }: { devId: string }) {
  const { data, error, isPending } = useQuery(deviceCampaignsQueryOptions(devId));
  if (isPending) return <Skeleton height={120} radius="md" />;
  if (error) return <ErrorState error={error} title="Could not load the device's campaigns" />;
  if (data.items.length === 0) return <EmptyState>This device has not been part of any campaign.</EmptyState>;
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={760} type="native">
        <Table verticalSpacing="xs" aria-label="Campaigns of the device">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Campaign</Table.Th>
              <Table.Th w={150}>Campaign state</Table.Th>
              <Table.Th w={70}>Wave</Table.Th>
              <Table.Th w={110}>Device state</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th w={100}>Work</Table.Th>
              <Table.Th w={120}>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((row) => (
              <Table.Tr key={row.campaignId} data-testid="device-campaign-row">
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/campaigns/${encodeURIComponent(row.campaignId)}`}
                    size="sm"
                    fw={500}
                  >
                    {row.campaignName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <CampaignStateBadge state={row.campaignState} />
                </Table.Td>
                <Table.Td>{row.wave === null ? '—' : waveLabel(row.wave, row.hasCanary)}</Table.Td>
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
  );
}
