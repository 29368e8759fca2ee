import { Text, type TextProps } from '@mantine/core';
import { useNow } from '../../hooks/use-now';
import { formatAbsolute, formatRelative } from '../../lib/format-time';

type RelativeTimeProps = TextProps & { iso: string | null; fallback?: string };

/** "3 min ago", with the absolute local time on hover. */
export function RelativeTime({ iso, fallback = 'never', ...textProps }: RelativeTimeProps) {
  const now = useNow();
  if (!iso) {
    return (
      <Text component="span" c="dimmed" {...textProps}>
        {fallback}
      </Text>
    );
  }
  return (
    <Text component="time" dateTime={iso} title={formatAbsolute(iso)} {...textProps}>
      {formatRelative(iso, now)}
    </Text>
  );
}
