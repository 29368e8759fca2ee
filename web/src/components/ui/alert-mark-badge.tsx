import { Badge } from '@mantine/core';
import type { AlertMark } from '@dmc/shared/protocol';

type MarkStyle = { color: string; variant: 'filled' | 'light' | 'outline' };

const STYLE: Record<AlertMark, MarkStyle> = {
  fatal: { color: 'red', variant: 'filled' },
  critical: { color: 'red', variant: 'light' },
  minor: { color: 'orange', variant: 'light' },
  warning: { color: 'yellow', variant: 'light' },
  informational: { color: 'blue', variant: 'light' },
  harmless: { color: 'gray', variant: 'light' },
  indeterminate: { color: 'gray', variant: 'outline' },
};

export function AlertMarkBadge({ mark }: { mark: AlertMark | null }) {
  const style: MarkStyle = mark ? STYLE[mark] : { color: 'gray', variant: 'outline' };
  return (
    <Badge color={style.color} variant={style.variant} radius="sm" size="sm" data-mark={mark ?? 'none'}>
      {mark ?? 'no mark'}
    </Badge>
  );
}
