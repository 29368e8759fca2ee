import { Code, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { Router, SearchX } from 'lucide-react';

export const SIMULATOR_COMMAND = 'npm run sim -- --devices 10 --register';

/** What to do next: start devices when the fleet is empty, loosen filters when nothing matches. */
export function DevicesEmptyState({ isFiltered }: { isFiltered: boolean }) {
  return (
    <Paper withBorder radius="md" p="xl" data-testid="devices-empty">
      <Stack align="center" gap="sm" py="xl">
        <ThemeIcon size={48} radius="xl" variant="light" color="gray">
          {isFiltered ? <SearchX size={24} aria-hidden /> : <Router size={24} aria-hidden />}
        </ThemeIcon>
        {isFiltered ? (
          <>
            <Text fw={600}>No devices match these filters</Text>
            <Text size="sm" c="dimmed">
              Try another search or loosen the query.
            </Text>
          </>
        ) : (
          <>
            <Text fw={600}>No devices yet — start the simulator:</Text>
            <Code fz="sm" px="sm" py={6}>
              {SIMULATOR_COMMAND}
            </Code>
            <Text size="sm" c="dimmed">
              Devices appear here live as they register and open their first session.
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
