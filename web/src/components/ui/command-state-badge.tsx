import { Badge } from '@mantine/core';
import type { CommandState } from '@dmc/shared/api';

const COLOR: Record<CommandState, string> = {
  queued: 'gray',
  sent: 'blue',
  accepted: 'cyan',
  ok: 'teal',
  failed: 'red',
  cancelled: 'dark',
  expired: 'orange',
};

/** Colour and word: the state is readable without colour. */
export function CommandStateBadge({ state }: { state: CommandState }) {
  return (
    <Badge color={COLOR[state]} variant="light" radius="sm" size="sm" data-state={state}>
      {state}
    </Badge>
  );
}
