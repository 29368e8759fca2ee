import { Paper, Table, Text, Title } from '@mantine/core';
import type { CampaignRecord } from '@dmc/shared/api';
import { RelativeTime } from '../../../components/ui/relative-time';
import { waveLabel } from '../lib/campaign-labels';
import { WaveStateBadge } from './campaign-badges';

/** The campaign's waves with their state and, while the health gate holds one, why. */
export function CampaignWaves({ campaign }: { campaign: CampaignRecord }) {
  const canary = campaign.waveSpec.canary > 0;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Waves">
      <Title order={3} fz="md" fw={600} mb="sm">
        Waves
      </Title>
      {campaign.waves.length === 0 ? (
        <Text size="sm" c="dimmed">
          The waves are planned when the campaign starts.
        </Text>
      ) : (
        <Table verticalSpacing="xs" aria-label="Waves">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>Wave</Table.Th>
              <Table.Th w={90}>Devices</Table.Th>
              <Table.Th w={110}>State</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th>Finished</Table.Th>
              <Table.Th>Gate</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {campaign.waves.map((wave) => (
              <Table.Tr key={wave.n} data-testid="wave-row">
                <Table.Td>{waveLabel(wave.n, canary)}</Table.Td>
                <Table.Td>{wave.size}</Table.Td>
                <Table.Td>
                  <WaveStateBadge state={wave.state} />
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={wave.startedAt} size="sm" fallback="—" />
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={wave.finishedAt} size="sm" fallback="—" />
                </Table.Td>
                <Table.Td>
                  {wave.gateReason ? (
                    <Text size="sm" c="orange">
                      {wave.gateReason}
                    </Text>
                  ) : wave.state === 'gating' && wave.gateUntil ? (
                    <Text size="sm" c="dimmed">
                      watching alerts until <RelativeTime iso={wave.gateUntil} size="sm" />
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
