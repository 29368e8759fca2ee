import { Anchor, Button, Group, NativeSelect, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { Link, useSearchParams } from 'react-router';
import { campaignStateSchema, CAMPAIGN_STATES, type CampaignRecord } from '@dmc/shared/api';
import { CursorPager } from '../../../components/ui/cursor-pager';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { PageHeader } from '../../../components/ui/page-header';
import { RelativeTime } from '../../../components/ui/relative-time';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { useCursorPages } from '../../../hooks/use-cursor-pages';
import { campaignListQueryOptions } from '../../../lib/queries/campaigns';
import { CAMPAIGN_STATE_LABELS, describeAction } from '../lib/campaign-labels';
import { CampaignStateBadge } from './campaign-badges';
import { CampaignProgress } from './campaign-progress';

function CampaignRow({ campaign }: { campaign: CampaignRecord }) {
  return (
    <Table.Tr data-testid="campaign-row" data-id={campaign.id}>
      <Table.Td>
        <Anchor component={Link} to={`/campaigns/${encodeURIComponent(campaign.id)}`} size="sm" fw={500}>
          {campaign.name}
        </Anchor>
        <Text size="xs" c="dimmed" truncate maw={260} ff="monospace">
          {describeAction(campaign.action)}
        </Text>
      </Table.Td>
      <Table.Td>
        <CampaignStateBadge state={campaign.state} />
      </Table.Td>
      <Table.Td miw={260}>
        <CampaignProgress counts={campaign.counts} compact />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{campaign.createdBy}</Text>
        {campaign.approvedBy && (
          <Text size="xs" c="dimmed">
            approved by {campaign.approvedBy}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={campaign.createdAt} size="sm" />
      </Table.Td>
      <Table.Td>
        {campaign.finishedAt ? (
          <RelativeTime iso={campaign.finishedAt} size="sm" />
        ) : (
          <RelativeTime iso={campaign.startedAt} size="sm" fallback="not started" />
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Campaigns (protocol §11): every campaign with live counters, filtered by state in the URL. */
export function CampaignsPage() {
  const canOperate = useCanOperate();
  const [searchParams, setSearchParams] = useSearchParams();
  const parsedState = campaignStateSchema.safeParse(searchParams.get('state'));
  const state = parsedState.success ? parsedState.data : undefined;
  // Newest first: the first page is the newest campaigns.
  const pages = useCursorPages(state);
  const { data, error, isPending } = useQuery(campaignListQueryOptions(state, pages.cursor));

  return (
    <Stack gap="md">
      <PageHeader
        title="Campaigns"
        description="One action over many devices, in waves, stopped by an error threshold and a health gate."
        actions={
          canOperate && (
            <Button component={Link} to="/campaigns/new" leftSection={<Plus size={16} aria-hidden />}>
              New campaign
            </Button>
          )
        }
      />
      <Group gap="sm">
        <NativeSelect
          label="State"
          value={state ?? ''}
          w={220}
          onChange={(e) => {
            const next = e.currentTarget.value;
            setSearchParams((prev) => {
              const params = new URLSearchParams(prev);
              if (next) params.set('state', next);
              else params.delete('state');
              return params;
            });
          }}
          data={[
            { value: '', label: 'Every state' },
            ...CAMPAIGN_STATES.map((s) => ({ value: s, label: CAMPAIGN_STATE_LABELS[s] })),
          ]}
        />
      </Group>
      {isPending ? (
        <Skeleton height={200} radius="md" />
      ) : error ? (
        <ErrorState error={error} title="Could not load campaigns" />
      ) : data.items.length === 0 ? (
        <EmptyState>
          {state
            ? 'No campaign is in this state.'
            : 'No campaigns yet. Start one here or from the Devices page.'}
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900} type="native">
            <Table verticalSpacing="sm" aria-label="Campaigns">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Campaign</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Progress</Table.Th>
                  <Table.Th>Created by</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Started / finished</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((campaign) => (
                  <CampaignRow key={campaign.id} campaign={campaign} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <CursorPager
        pages={pages}
        nextCursor={data?.nextCursor}
        labels={{ previous: 'Newer', next: 'Older' }}
      />
    </Stack>
  );
}
