import { Group, Tooltip, Text } from '@mantine/core';
import { ACCESS_TYPES, type AccessType } from '@dmc/shared/metadata';

const LETTER: Record<AccessType, string> = { Add: 'A', Delete: 'D', Exec: 'E', Get: 'G', Replace: 'R' };

/** Access types as fixed-position letters (G R A D E style), the full names in the title. */
export function AccessTypes({ types }: { types: readonly AccessType[] | undefined }) {
  if (!types) {
    return (
      <Text component="span" size="xs" c="dimmed">
        —
      </Text>
    );
  }
  const label = types.length > 0 ? types.join(', ') : 'none';
  return (
    <Tooltip label={label} openDelay={300}>
      <Group gap={2} wrap="nowrap" aria-label={`Access: ${label}`} role="img">
        {ACCESS_TYPES.map((t) => (
          <Text
            key={t}
            component="span"
            size="xs"
            ff="monospace"
            fw={600}
            opacity={types.includes(t) ? 1 : 0.35}
          >
            {LETTER[t]}
          </Text>
        ))}
      </Group>
    </Tooltip>
  );
}
