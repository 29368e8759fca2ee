// The impact preview (protocol §11): every targeted device judged as a campaign would judge it, plus
// the dry run of a command, without changing anything. Batches of 1,000 devices, a few statements each,
// the event loop served between them.
import type { CampaignPreview, CampaignPreviewInput, PreviewVerdict } from '@dmc/shared/api';
import { actionContextOf, type CampaignContext } from './campaign-context';
import { nextTargetBatch } from './targets';
import { judgeDevices } from './verdicts';
import { nextTurn } from './yield';

const SAMPLES_PER_VERDICT = 5;
/** Distinct reasons listed; the rest are counted under the last entry of their verdict. */
const MAX_REASONS = 50;

export async function previewCampaign(
  ctx: CampaignContext,
  input: CampaignPreviewInput,
): Promise<CampaignPreview> {
  const now = ctx.clock.now();
  const context = await actionContextOf(ctx, '', input.action);
  const target = { query: input.query ?? null, devIds: input.devIds ?? null };
  const totals: Record<PreviewVerdict, number> = {
    run: 0,
    compliant: 0,
    incompatible: 0,
    'would-fail': 0,
    busy: 0,
  };
  const reasons = new Map<string, { verdict: PreviewVerdict; reason: string; count: number }>();
  const sample: CampaignPreview['sample'] = [];
  let cursor: string | null = null;
  for (let first = true; ; first = false) {
    if (!first) await nextTurn();
    const batch = await nextTargetBatch(ctx.store, target, cursor, now);
    const verdicts = await judgeDevices(ctx.store.campaignDevices, context, batch.facts, {
      withDryRun: true,
      extraMetadata: ctx.extraMetadata(),
    });
    for (const v of verdicts) {
      totals[v.verdict] += 1;
      if (sample.filter((s) => s.verdict === v.verdict).length < SAMPLES_PER_VERDICT)
        sample.push({ devId: v.devId, verdict: v.verdict, ...(v.detail ? { reason: v.detail } : {}) });
      if (v.verdict === 'run') continue;
      const text = v.detail ?? v.reason ?? v.verdict;
      const key = `${v.verdict}\u0000${text}`;
      const entry =
        reasons.get(key) ??
        (reasons.size < MAX_REASONS ? { verdict: v.verdict, reason: text, count: 0 } : undefined);
      if (entry) {
        entry.count += 1;
        reasons.set(key, entry);
      } else {
        const other = `${v.verdict}\u0000other reasons`;
        const rest = reasons.get(other) ?? { verdict: v.verdict, reason: 'other reasons', count: 0 };
        rest.count += 1;
        reasons.set(other, rest);
      }
    }
    cursor = batch.cursor;
    if (batch.done) break;
  }
  const matched = Object.values(totals).reduce((a, b) => a + b, 0);
  return {
    matched,
    alreadyCompliant: totals.compliant,
    incompatible: totals.incompatible,
    wouldFail: totals['would-fail'],
    busy: totals.busy,
    wouldRun: totals.run,
    reasons: [...reasons.values()].sort((a, b) => b.count - a.count),
    sample,
  };
}
