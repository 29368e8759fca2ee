import { Alert, Button, Group, Text } from '@mantine/core';
import { History } from 'lucide-react';
import { formatTime } from '../../lib/local-time';

/** Says the tree shown is a past one, read-only, and leads back to the live tree. */
export function AsOfBanner({
  asOf,
  horizon,
  complete,
  onLive,
}: {
  asOf: string;
  horizon: string | null | undefined;
  complete: boolean | undefined;
  onLive: () => void;
}) {
  return (
    <Alert
      color="violet"
      variant="light"
      icon={<History size={16} aria-hidden />}
      title={`As of ${formatTime(asOf)}`}
      data-testid="as-of-banner"
    >
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          The tree as it was then, read-only.
          {complete === false && horizon
            ? ` Older history was removed by retention: this is the earliest time kept (${formatTime(horizon)}).`
            : ''}
        </Text>
        <Button size="xs" variant="default" onClick={onLive}>
          Back to live tree
        </Button>
      </Group>
    </Alert>
  );
}
