import { Box, Group, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AlertStatBucket, AlertStats } from '@dmc/shared/api';
import { ErrorState } from '../../../components/ui/error-state';
import { alertStatsQueryOptions } from '../../../lib/queries/stats';
import { shortAlertType } from '../../alerts/lib/alert-labels';

const COLORS = ['red', 'orange', 'yellow', 'teal', 'blue', 'indigo', 'grape', 'pink'] as const;
const WIDTH = 600;
const HEIGHT = 140;
const BUCKET_LABELS: Record<AlertStatBucket, string> = { '5m': '2 hours', '1h': '24 hours', '1d': '24 days' };

function label(bucket: AlertStatBucket, iso: string): string {
  const date = new Date(iso);
  return bucket === '1d'
    ? date.toLocaleDateString([], { month: 'short', day: 'numeric' })
    : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Stacked bars: one per bucket, a segment per type, in plain SVG. */
function Bars({ stats }: { stats: AlertStats }) {
  const lines = [
    ...stats.series.map((s, i) => ({ name: s.type, counts: s.counts, color: COLORS[i % COLORS.length] })),
    { name: 'other', counts: stats.other, color: 'gray' as const },
  ];
  const totals = stats.buckets.map((_, b) => lines.reduce((sum, l) => sum + (l.counts[b] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const step = WIDTH / Math.max(1, stats.buckets.length);
  return (
    <Box
      component="svg"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      w="100%"
      h={HEIGHT}
      role="list"
      aria-label="Alerts per interval"
    >
      {stats.buckets.map((at, b) => {
        let y = HEIGHT;
        return (
          <g key={at} role="listitem" aria-label={`${label(stats.bucket, at)}: ${totals[b] ?? 0} alerts`}>
            <title>{`${label(stats.bucket, at)}: ${totals[b] ?? 0} alerts`}</title>
            {lines.map((line) => {
              const n = line.counts[b] ?? 0;
              if (n === 0) return null;
              const h = (n / max) * (HEIGHT - 4);
              y -= h;
              return (
                <rect
                  key={line.name}
                  x={b * step + 1}
                  y={y}
                  width={Math.max(1, step - 2)}
                  height={h}
                  fill={`var(--mantine-color-${line.color}-6)`}
                />
              );
            })}
          </g>
        );
      })}
    </Box>
  );
}

/** Alerts by type over time (protocol §13); lazily loaded by the dashboard. */
export default function AlertsByTypeChart() {
  const [bucket, setBucket] = useState<AlertStatBucket>('1h');
  const { data, error, isPending } = useQuery(alertStatsQueryOptions(bucket));
  const total = data
    ? data.series.reduce((sum, s) => sum + s.total, 0) + data.other.reduce((a, b) => a + b, 0)
    : 0;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Alerts by type over time">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="sm" fw={600}>
          Alerts by type, last {BUCKET_LABELS[bucket]}
        </Title>
        <SegmentedControl
          size="xs"
          aria-label="Interval"
          value={bucket}
          onChange={(value) => setBucket(value)}
          data={[
            { value: '5m', label: '5 min' },
            { value: '1h', label: 'Hour' },
            { value: '1d', label: 'Day' },
          ]}
        />
      </Group>
      {isPending ? (
        <Skeleton height={HEIGHT} radius="sm" />
      ) : error ? (
        <ErrorState error={error} title="Could not load alerts by type" />
      ) : total === 0 ? (
        <Text size="sm" c="dimmed">
          No alerts in this time.
        </Text>
      ) : (
        <Stack gap="xs">
          <Bars stats={data} />
          <Group gap="md" role="list" aria-label="Alert types">
            {data.series.map((s, i) => (
              <Group key={s.type} gap={6} wrap="nowrap" role="listitem" title={s.type}>
                <Box
                  w={10}
                  h={10}
                  style={{
                    borderRadius: 2,
                    background: `var(--mantine-color-${COLORS[i % COLORS.length]}-6)`,
                  }}
                />
                <Text size="xs">
                  {shortAlertType(s.type)} · {s.total}
                </Text>
              </Group>
            ))}
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
