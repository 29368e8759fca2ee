import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { FleetStats } from '@dmc/shared/api';

const NUMBER = new Intl.NumberFormat();

type FirmwareChartProps = { stats: FleetStats };

/** Devices per firmware version as horizontal bars (SVG-free: plain boxes scale with the card). */
export function FirmwareChart({ stats }: FirmwareChartProps) {
  const rows = [
    ...stats.firmwareVersions.map((f) => ({
      label: f.version ?? 'not reported',
      count: f.count,
      isMuted: f.version === null,
    })),
    ...(stats.firmwareOther > 0
      ? [{ label: 'other versions', count: stats.firmwareOther, isMuted: true }]
      : []),
  ];
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Firmware versions">
      <Title order={3} fz="sm" fw={600} mb="sm">
        Firmware versions
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No devices yet.
        </Text>
      ) : (
        <Stack gap={8} role="list" aria-label="Devices per firmware version">
          {rows.map((row) => (
            <Group
              key={row.label}
              gap="sm"
              wrap="nowrap"
              role="listitem"
              aria-label={`${row.label}: ${row.count} devices`}
            >
              <Text
                size="sm"
                ff="monospace"
                w={120}
                c={row.isMuted ? 'dimmed' : 'inherit'}
                truncate
                title={row.label}
              >
                {row.label}
              </Text>
              <Box style={{ flex: 1 }} h={14} bg="var(--mantine-color-default-hover)" aria-hidden>
                <Box
                  h="100%"
                  w={`${(row.count / max) * 100}%`}
                  bg={row.isMuted ? 'gray.5' : 'indigo.6'}
                  style={{ borderRadius: 3, transition: 'width 300ms ease' }}
                />
              </Box>
              <Text size="sm" w={56} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {NUMBER.format(row.count)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
