import { Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { ProfileCounts } from '@dmc/shared/api';
import { PROFILE_STATUS_COLORS, PROFILE_STATUS_ORDER } from '../lib/profile-labels';

const COUNT = new Intl.NumberFormat();

export function totalOf(counts: ProfileCounts): number {
  return PROFILE_STATUS_ORDER.reduce((sum, status) => sum + counts[status], 0);
}

/**
 * The compliance bar: one section per state (verified · pending · failed · conflicted) and every
 * count under it, zero or not, so the numbers stay in place as devices move.
 */
export function ProfileCompliance({ counts, compact = false }: { counts: ProfileCounts; compact?: boolean }) {
  const total = totalOf(counts);
  const label = `${COUNT.format(counts.verified)} of ${COUNT.format(total)} devices verified`;
  return (
    <Stack gap={4} data-testid="profile-compliance">
      <Progress.Root size={compact ? 'sm' : 'lg'} aria-label={label} title={label}>
        {PROFILE_STATUS_ORDER.filter((s) => counts[s] > 0).map((status) => (
          <Tooltip key={status} label={`${status}: ${COUNT.format(counts[status])}`}>
            <Progress.Section value={(counts[status] / total) * 100} color={PROFILE_STATUS_COLORS[status]} />
          </Tooltip>
        ))}
      </Progress.Root>
      <Group gap={compact ? 'xs' : 'md'} wrap="wrap">
        {PROFILE_STATUS_ORDER.map((status) => (
          <Text
            key={status}
            size="xs"
            {...(counts[status] > 0 ? {} : { c: 'dimmed' })}
            data-testid={`count-${status}`}
          >
            <Text span size="xs" fw={600} c={counts[status] > 0 ? PROFILE_STATUS_COLORS[status] : 'dimmed'}>
              {COUNT.format(counts[status])}
            </Text>{' '}
            {status}
          </Text>
        ))}
      </Group>
    </Stack>
  );
}
