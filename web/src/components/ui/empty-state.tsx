import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered panel that says a list is empty and what fills it. */
export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="xl">
      <Text ta="center" c="dimmed" size="sm">
        {children}
      </Text>
    </Paper>
  );
}
