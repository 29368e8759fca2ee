import { Alert, Anchor, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { CirclePause } from 'lucide-react';
import { Link, useParams } from 'react-router';
import type { CampaignRecord } from '@dmc/shared/api';
import { DetailPageFrame } from '../../../components/ui/detail-page-frame';
import { Fact } from '../../../components/ui/fact';
import { RelativeTime } from '../../../components/ui/relative-time';
import { campaignQueryOptions } from '../../../lib/queries/campaigns';
import { describeAction, PAUSE_REASON_LABELS } from '../lib/campaign-labels';
import { CampaignStateBadge } from './campaign-badges';
import { CampaignDevicesTable } from './campaign-devices-table';
import { CampaignFailures } from './campaign-failures';
import { CampaignProgress } from './campaign-progress';
import { CampaignVerbs } from './campaign-verbs';
import { CampaignWaves } from './campaign-waves';

function wavePlan(campaign: CampaignRecord): string {
  const spec = campaign.waveSpec;
  const canary = spec.canary > 0 ? `canary of ${spec.canary}, then ` : '';
  return 'size' in spec ? `${canary}waves of ${spec.size}` : `${canary}${spec.percentages.join('%, ')}%`;
}

function CampaignFacts({ campaign }: { campaign: CampaignRecord }) {
  const gate = campaign.healthGate;
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="md">
        <CampaignProgress counts={campaign.counts} />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
          <Fact label="Target">
            {campaign.viewName !== null && (
              <Text size="sm" data-testid="campaign-view">
                view {campaign.viewName}
              </Text>
            )}
            {campaign.query !== null ? (
              <Text size="sm" ff="monospace">
                {campaign.query === '' ? 'every device' : campaign.query}
              </Text>
            ) : (
              `${campaign.devIdCount ?? 0} selected devices`
            )}
            {campaign.dynamic && (
              <Text size="xs" c="dimmed">
                devices that match later join
              </Text>
            )}
          </Fact>
          <Fact label="Action">
            <Text size="sm" ff="monospace">
              {describeAction(campaign.action)}
            </Text>
          </Fact>
          <Fact label="Waves">{wavePlan(campaign)}</Fact>
          <Fact label="Stops at">
            {campaign.bulk ? 'never (bulk work)' : `more than ${campaign.errorThresholdPct}% failed`}
            {gate && (
              <Text size="xs" c="dimmed">
                health gate: {gate.windowS} s, alerts ≤ {gate.maxAlertRatio}× before
              </Text>
            )}
          </Fact>
          <Fact label="Created">
            {campaign.createdBy}, <RelativeTime iso={campaign.createdAt} size="sm" />
          </Fact>
          <Fact label="Approved">
            {campaign.approvedBy ?? (campaign.approvalRequired ? 'not yet' : 'not needed')}
          </Fact>
          <Fact label="Started">
            <RelativeTime iso={campaign.startedAt} size="sm" fallback="not yet" />
          </Fact>
          <Fact label="Finished">
            <RelativeTime iso={campaign.finishedAt} size="sm" fallback="not yet" />
          </Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** One campaign: header with the allowed verbs, counters, waves, failures and every device, live. */
export function CampaignDetailPage() {
  const id = useParams().id ?? '';
  const query = useQuery(campaignQueryOptions(id));

  return (
    <DetailPageFrame
      parent={{ label: 'Campaigns', to: '/campaigns' }}
      id={id}
      noun="campaign"
      query={query}
      badge={(campaign) => <CampaignStateBadge state={campaign.state} size="lg" />}
      actions={(campaign) => (
        <Group gap="sm">
          {campaign.action.kind === 'command' && (
            <Anchor component={Link} to={`/commands?campaign=${encodeURIComponent(campaign.id)}`} size="sm">
              Its commands
            </Anchor>
          )}
          <CampaignVerbs campaign={campaign} />
        </Group>
      )}
    >
      {(campaign) => (
        <>
          {campaign.state === 'paused' && campaign.pausedReason && (
            <Alert color="orange" variant="light" icon={<CirclePause size={18} aria-hidden />} role="status">
              Paused: {PAUSE_REASON_LABELS[campaign.pausedReason]}.
            </Alert>
          )}
          <CampaignFacts campaign={campaign} />
          <CampaignWaves campaign={campaign} />
          <CampaignFailures campaignId={campaign.id} failed={campaign.counts.failed} />
          <CampaignDevicesTable campaignId={campaign.id} hasCanary={campaign.waveSpec.canary > 0} />
        </>
      )}
    </DetailPageFrame>
  );
}
