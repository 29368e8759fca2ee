import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

type FactProps = { label: string; children: ReactNode };

/** One labelled value of a summary: the label small and upper case above the value. */
export function Fact({ label, children }: FactProps) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}
