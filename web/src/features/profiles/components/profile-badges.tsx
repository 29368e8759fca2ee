import { Badge, Tooltip } from '@mantine/core';
import type { ProfileExecProgress, ProfileNodeState, ProfileStatus } from '@dmc/shared/api';
import { EXEC_STATE_COLORS, NODE_STATE_COLORS, PROFILE_STATUS_COLORS } from '../lib/profile-labels';

/** Colour and word: the state is readable without colour. */
export function ProfileStatusBadge({ status, size = 'sm' }: { status: ProfileStatus; size?: 'sm' | 'lg' }) {
  return (
    <Badge
      color={PROFILE_STATUS_COLORS[status]}
      variant="light"
      radius="sm"
      size={size}
      data-testid="profile-status"
      data-status={status}
    >
      {status}
    </Badge>
  );
}

export function NodeStateBadge({ state }: { state: ProfileNodeState }) {
  return (
    <Badge color={NODE_STATE_COLORS[state]} variant="dot" radius="sm" size="sm" tt="none" data-state={state}>
      {state}
    </Badge>
  );
}

export function ExecStateBadge({ state }: { state: ProfileExecProgress['state'] }) {
  return (
    <Badge color={EXEC_STATE_COLORS[state]} variant="dot" radius="sm" size="sm" tt="none" data-state={state}>
      {state}
    </Badge>
  );
}

/** Enabled or disabled, in words. */
export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return (
    <Badge
      color={enabled ? 'teal' : 'gray'}
      variant={enabled ? 'light' : 'outline'}
      radius="sm"
      size="sm"
      tt="none"
      data-testid="profile-enabled"
    >
      {enabled ? 'Enabled' : 'Disabled'}
    </Badge>
  );
}

/** How many other profiles set one of this profile's nodes to another value. */
export function ConflictsBadge({ names }: { names: readonly string[] }) {
  if (names.length === 0) return null;
  const unique = [...new Set(names)];
  return (
    <Tooltip label={`Conflicts with ${unique.join(', ')}`}>
      <Badge color="orange" variant="light" radius="sm" size="sm" tt="none" data-testid="profile-conflicts">
        {unique.length === 1 ? '1 conflict' : `${unique.length} conflicts`}
      </Badge>
    </Tooltip>
  );
}
