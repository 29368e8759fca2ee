import { Badge } from '@mantine/core';
import type { CommandOutcome, CommandState } from '@dmc/shared/api';

const COLOR: Record<CommandState, string> = {
  queued: 'gray',
  sent: 'blue',
  accepted: 'cyan',
  ok: 'teal',
  failed: 'red',
  cancelled: 'dark',
  expired: 'orange',
};

/** Answers that are not a plain "ok": the badge names them instead of the state (protocol §8). */
const OUTCOME_BADGE: Partial<Record<CommandOutcome, { color: string; label: string }>> = {
  declined: { color: 'orange', label: 'declined' },
  postponed: { color: 'yellow', label: 'postponed' },
};

/** Colour and word: the state is readable without colour; a declined SHOW reads "declined". */
export function CommandStateBadge({
  state,
  outcome = null,
}: {
  state: CommandState;
  outcome?: CommandOutcome | null;
}) {
  const named = outcome === null ? undefined : OUTCOME_BADGE[outcome];
  return (
    <Badge
      color={named?.color ?? COLOR[state]}
      variant="light"
      radius="sm"
      size="sm"
      data-state={state}
      data-outcome={outcome ?? undefined}
      title={named ? `${state}: the person ${named.label}` : undefined}
    >
      {named?.label ?? state}
    </Badge>
  );
}
