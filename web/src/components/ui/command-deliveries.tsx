import { Text } from '@mantine/core';
import { describeDeliveries } from '../../lib/command-deliveries';

/** "Delivered 3 times": how many sessions carried the command (protocol §12). */
export function CommandDeliveries({ deliveries }: { deliveries: number }) {
  const text = describeDeliveries(deliveries);
  if (!text) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="command-deliveries">
      {text}
    </Text>
  );
}
