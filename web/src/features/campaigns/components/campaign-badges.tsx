import { Badge } from '@mantine/core';
import type { CampaignDeviceState, CampaignState, WaveState } from '@dmc/shared/api';
import {
  CAMPAIGN_STATE_COLORS,
  CAMPAIGN_STATE_LABELS,
  DEVICE_STATE_COLORS,
  WAVE_STATE_COLORS,
} from '../lib/campaign-labels';

/** Colour and word: the state is readable without colour. */
export function CampaignStateBadge({ state, size = 'sm' }: { state: CampaignState; size?: 'sm' | 'lg' }) {
  return (
    <Badge
      color={CAMPAIGN_STATE_COLORS[state]}
      variant="light"
      radius="sm"
      size={size}
      tt="none"
      data-state={state}
    >
      {CAMPAIGN_STATE_LABELS[state]}
    </Badge>
  );
}

export function CampaignDeviceStateBadge({ state }: { state: CampaignDeviceState }) {
  return (
    <Badge color={DEVICE_STATE_COLORS[state]} variant="light" radius="sm" size="sm" data-state={state}>
      {state}
    </Badge>
  );
}

export function WaveStateBadge({ state }: { state: WaveState }) {
  return (
    <Badge color={WAVE_STATE_COLORS[state]} variant="light" radius="sm" size="sm" data-state={state}>
      {state}
    </Badge>
  );
}
