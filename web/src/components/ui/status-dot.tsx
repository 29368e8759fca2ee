import { Box, Group, Text } from '@mantine/core';

type StatusDotProps = { color: string; label: string; pulse?: boolean };

/** A coloured dot that always says its meaning in words (colour is never the only signal). */
export function StatusDot({ color, label, pulse = false }: StatusDotProps) {
  return (
    <Group gap={6} wrap="nowrap" component="span">
      <Box
        component="span"
        aria-hidden
        w={8}
        h={8}
        bg={color}
        style={{ borderRadius: '50%', flexShrink: 0 }}
        className={pulse ? 'dmc-pulse' : undefined}
      />
      <Text component="span" size="sm">
        {label}
      </Text>
    </Group>
  );
}
