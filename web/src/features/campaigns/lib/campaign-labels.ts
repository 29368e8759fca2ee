import type {
  CampaignAction,
  CampaignDeviceState,
  CampaignPauseReason,
  CampaignState,
  PreviewVerdict,
  WaveState,
} from '@dmc/shared/api';

export const CAMPAIGN_STATE_LABELS: Record<CampaignState, string> = {
  draft: 'Draft',
  'awaiting-approval': 'Awaiting approval',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const CAMPAIGN_STATE_COLORS: Record<CampaignState, string> = {
  draft: 'gray',
  'awaiting-approval': 'grape',
  running: 'blue',
  paused: 'orange',
  completed: 'teal',
  cancelled: 'dark',
};

/** Device states in the order a progress bar shows them, with their colours. */
export const DEVICE_STATE_ORDER: readonly CampaignDeviceState[] = [
  'ok',
  'failed',
  'skipped',
  'cancelled',
  'running',
  'pending',
];

export const DEVICE_STATE_COLORS: Record<CampaignDeviceState, string> = {
  pending: 'gray',
  running: 'blue',
  ok: 'teal',
  failed: 'red',
  skipped: 'yellow',
  cancelled: 'dark',
};

export const WAVE_STATE_COLORS: Record<WaveState, string> = {
  pending: 'gray',
  running: 'blue',
  gating: 'grape',
  done: 'teal',
};

export const PAUSE_REASON_LABELS: Record<CampaignPauseReason, string> = {
  manual: 'paused by hand',
  'error-threshold': 'failures crossed the error threshold',
  'health-gate': 'the health gate held a wave',
};

export const VERDICT_LABELS: Record<PreviewVerdict, string> = {
  run: 'Would run',
  compliant: 'Already compliant',
  incompatible: 'Incompatible',
  'would-fail': 'Would fail',
  busy: 'Busy in another campaign',
};

/** A wave's name: the canary group (wave 0 of a campaign that has one) or its number. */
export function waveLabel(n: number, hasCanary: boolean): string {
  return hasCanary && n === 0 ? 'Canary' : String(n);
}

/** The action in a few words, e.g. "GET urn:…//FwV" or "Firmware update". */
export function describeAction(action: CampaignAction): string {
  switch (action.kind) {
    case 'command':
      return action.command.filter((part) => typeof part === 'string').join(' ');
    case 'firmware-update':
      return `Firmware update${action.consent ? ' (asks first)' : ''}`;
    case 'software-install':
      return `Software install${action.consent ? ' (asks first)' : ''}`;
    case 'wake':
      return 'Wake now';
    case 'labels': {
      const parts = [...action.add.map((l) => `+${l}`), ...action.remove.map((l) => `−${l}`)];
      return `Labels ${parts.join(' ')}`;
    }
  }
}
