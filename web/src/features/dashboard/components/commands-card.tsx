import { Group, Stack, Text } from '@mantine/core';
import { Terminal } from 'lucide-react';
import type { CommandsInFlight } from '@dmc/shared/api';
import { KpiCard } from './kpi-card';

const NUMBER = new Intl.NumberFormat();
const STATES: readonly { key: keyof CommandsInFlight; label: string; color: string }[] = [
  { key: 'queued', label: 'queued', color: 'var(--mantine-color-gray-6)' },
  { key: 'sent', label: 'sent', color: 'var(--mantine-color-blue-6)' },
  { key: 'accepted', label: 'accepted', color: 'var(--mantine-color-violet-6)' },
];

/** Commands not finished yet, by state. */
export function CommandsCard({ commands }: { commands: CommandsInFlight }) {
  const total = commands.queued + commands.sent + commands.accepted;
  return (
    <KpiCard
      title="Commands"
      icon={Terminal}
      value={NUMBER.format(total)}
      hint="in flight"
      testId="kpi-commands"
    >
      <Stack gap={2}>
        {STATES.map(({ key, label, color }) => (
          <Group key={key} gap={6} wrap="nowrap" data-testid={`commands-${key}`}>
            <span aria-hidden style={{ width: 8, height: 8, borderRadius: 2, background: color }} />
            <Text size="xs" c="dimmed" style={{ flex: 1 }}>
              {label}
            </Text>
            <Text size="xs" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {NUMBER.format(commands[key])}
            </Text>
          </Group>
        ))}
      </Stack>
    </KpiCard>
  );
}
