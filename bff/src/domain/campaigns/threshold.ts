// The error threshold (protocol §11): failed ÷ finished (ok + failed) in the campaign, in percent.
// Skipped and cancelled devices count neither way. Failures a resume accepted do not pause the
// campaign again: it pauses again only when there are new failures and the share is still over.
import type { CampaignCounts } from '@dmc/shared/api';

export function crossesThreshold(
  counts: CampaignCounts,
  thresholdPct: number,
  acceptedFailures: number,
): boolean {
  const finished = counts.ok + counts.failed;
  if (counts.failed <= acceptedFailures || finished === 0) return false;
  return (counts.failed * 100) / finished > thresholdPct;
}
