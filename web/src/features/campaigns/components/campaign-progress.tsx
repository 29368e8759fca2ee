import { Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { CampaignCounts } from '@dmc/shared/api';
import { DEVICE_STATE_COLORS, DEVICE_STATE_ORDER } from '../lib/campaign-labels';

const COUNT = new Intl.NumberFormat();

export function totalOf(counts: CampaignCounts): number {
  return DEVICE_STATE_ORDER.reduce((sum, state) => sum + counts[state], 0);
}

/** Devices that will not change any more: ok, failed, skipped or cancelled. */
export function finishedOf(counts: CampaignCounts): number {
  return counts.ok + counts.failed + counts.skipped + counts.cancelled;
}

/**
 * A bar with one section per device state and the counters under it (every state, zero or not, so
 * the numbers do not jump around as the campaign moves).
 */
export function CampaignProgress({ counts, compact = false }: { counts: CampaignCounts; compact?: boolean }) {
  const total = totalOf(counts);
  const finished = finishedOf(counts);
  const label = `${COUNT.format(finished)} of ${COUNT.format(total)} devices finished`;
  return (
    <Stack gap={4} data-testid="campaign-progress">
      <Progress.Root size={compact ? 'sm' : 'lg'} aria-label={label} title={label}>
        {DEVICE_STATE_ORDER.filter((s) => counts[s] > 0 && total > 0).map((state) => (
          <Tooltip key={state} label={`${state}: ${COUNT.format(counts[state])}`}>
            <Progress.Section value={(counts[state] / total) * 100} color={DEVICE_STATE_COLORS[state]} />
          </Tooltip>
        ))}
      </Progress.Root>
      <Group gap={compact ? 'xs' : 'md'} wrap="wrap">
        {DEVICE_STATE_ORDER.map((state) => (
          <Text
            key={state}
            size="xs"
            {...(counts[state] > 0 ? {} : { c: 'dimmed' })}
            data-testid={`count-${state}`}
          >
            <Text span size="xs" fw={600} c={counts[state] > 0 ? DEVICE_STATE_COLORS[state] : 'dimmed'}>
              {COUNT.format(counts[state])}
            </Text>{' '}
            {state}
          </Text>
        ))}
      </Group>
    </Stack>
  );
}
