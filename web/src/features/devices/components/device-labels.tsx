import { Badge, Group, Text } from '@mantine/core';

type DeviceLabelsProps = { labels: readonly string[]; max?: number };

export function DeviceLabels({ labels, max = 3 }: DeviceLabelsProps) {
  if (labels.length === 0) {
    return (
      <Text component="span" size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const shown = labels.slice(0, max);
  const rest = labels.length - shown.length;
  return (
    <Group gap={4} wrap="nowrap" title={labels.join(', ')}>
      {shown.map((label) => (
        <Badge key={label} variant="light" color="gray" size="sm" radius="sm" tt="none" fw={500}>
          {label}
        </Badge>
      ))}
      {rest > 0 && (
        <Text component="span" size="xs" c="dimmed">
          +{rest}
        </Text>
      )}
    </Group>
  );
}
