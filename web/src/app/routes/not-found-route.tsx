import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <Paper withBorder radius="md" p="xl" maw={560}>
      <Stack gap="xs">
        <Title order={2} fz="h4">
          Page not found
        </Title>
        <Text size="sm" c="dimmed">
          There is nothing at this address.
        </Text>
        <Anchor component={Link} to="/devices" size="sm">
          Go to devices
        </Anchor>
      </Stack>
    </Paper>
  );
}
