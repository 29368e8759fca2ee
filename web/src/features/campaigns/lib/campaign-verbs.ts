import type { CampaignRecord, CampaignVerb, Role } from '@dmc/shared/api';

export type Viewer = { username: string; role: Role };

/**
 * The verbs `viewer` may use on `campaign` now (protocol §11): operators and admins start a draft,
 * pause a running campaign, resume a paused one and cancel any unfinished one; only an admin other
 * than its creator approves one awaiting approval. Support users change nothing.
 */
export function allowedVerbs(
  campaign: Pick<CampaignRecord, 'state' | 'createdBy'>,
  viewer: Viewer,
): CampaignVerb[] {
  if (viewer.role === 'support') return [];
  const verbs: CampaignVerb[] = [];
  const { state } = campaign;
  if (state === 'awaiting-approval' && viewer.role === 'admin' && viewer.username !== campaign.createdBy) {
    verbs.push('approve');
  }
  if (state === 'draft') verbs.push('start');
  if (state === 'running') verbs.push('pause');
  if (state === 'paused') verbs.push('resume');
  if (state !== 'completed' && state !== 'cancelled') verbs.push('cancel');
  return verbs;
}

export const VERB_LABELS: Record<CampaignVerb, string> = {
  approve: 'Approve',
  start: 'Start',
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel campaign',
};
