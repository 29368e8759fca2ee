import { Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

type KpiCardProps = {
  title: string;
  icon: LucideIcon;
  value: ReactNode;
  hint?: ReactNode;
  children?: ReactNode;
  testId: string;
};

/** One headline number with a caption; `children` adds a small chart or breakdown below. */
export function KpiCard({ title, icon: Icon, value, hint, children, testId }: KpiCardProps) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId} component="section" aria-label={title}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.4}>
            {title}
          </Text>
          <ThemeIcon variant="light" color="gray" size="sm" radius="sm">
            <Icon size={14} aria-hidden />
          </ThemeIcon>
        </Group>
        <Text
          fz={28}
          fw={650}
          lh={1.1}
          data-testid={`${testId}-value`}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {value}
        </Text>
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}
