// Membership (protocol §11): the targeted devices become members in batches of 1,000 in devId order,
// each pending or skipped with its reason; the cursor moves on with the campaign's version, and a
// retried batch inserts nothing twice (ON CONFLICT DO NOTHING). Then the waves are planned over the
// pending members and each is given its wave by its position in devId order, which is the same on
// every run, so a plan interrupted half-way is simply made again.
import type { CampaignRow, CampaignWaveRow } from '../../persistence/ports';
import { actionContextOf, saveCampaign, type CampaignContext } from './campaign-context';
import { judgeDevices } from './verdicts';
import { CAMPAIGN_BATCH, nextTargetBatch } from './targets';
import { planWaves, waveOf } from './wave-plan';
import { nextTurn } from './yield';

/** Batches of membership one step does per campaign before it lets the others have their turn. */
const BATCHES_PER_STEP = 10;

/** Inserts the next batches of members; the row as saved, or undefined when another step won. */
export async function advanceMembership(
  ctx: CampaignContext,
  row: CampaignRow,
): Promise<CampaignRow | undefined> {
  const context = await actionContextOf(ctx, row.id, row.action);
  let current = row;
  for (let i = 0; i < BATCHES_PER_STEP && !current.membershipDone; i += 1) {
    if (i > 0) await nextTurn();
    const now = ctx.clock.now();
    const batch = await nextTargetBatch(
      ctx.store,
      { query: current.query, devIds: current.devIds },
      current.membershipCursor,
      current.startedAt ?? now,
    );
    const verdicts = await judgeDevices(ctx.store.campaignDevices, context, batch.facts, {
      withDryRun: false,
      extraMetadata: [],
    });
    await ctx.store.campaignDevices.addMembers(
      current.id,
      verdicts.map((v) => ({
        devId: v.devId,
        state: v.reason === null ? 'pending' : 'skipped',
        reason: v.reason,
        detail: v.detail,
      })),
      now,
    );
    const saved = await saveCampaign(ctx, current, {
      membershipCursor: batch.cursor,
      membershipDone: batch.done,
    });
    if (!saved) return undefined;
    current = saved;
  }
  return current;
}

/** Plans the waves over the pending members and assigns each its wave. */
export async function planCampaignWaves(
  ctx: CampaignContext,
  row: CampaignRow,
): Promise<CampaignRow | undefined> {
  const repo = ctx.store.campaignDevices;
  // Every member that is not skipped: before the plan is saved they are all pending, but a step
  // that lost the race may still be planning while the winner starts devices; counting them the
  // same way keeps both plans identical.
  const counts = await repo.countByState(row.id);
  const runnable = Object.values(counts).reduce((a, b) => a + b, 0) - (counts.skipped ?? 0);
  const sizes = planWaves(row.waveSpec, runnable);
  const waves: CampaignWaveRow[] = sizes.map((size, n) => ({
    campaignId: row.id,
    n,
    size,
    state: 'pending',
    startedAt: null,
    gateUntil: null,
    finishedAt: null,
    gateReason: null,
  }));
  await ctx.store.campaigns.createWaves(waves);
  let position = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await repo.list(row.id, {
      limit: CAMPAIGN_BATCH,
      ...(after === undefined ? {} : { afterDevId: after }),
    });
    const runs = batch.filter((d) => d.state !== 'skipped');
    await repo.assignWaves(
      row.id,
      runs.map((d, i) => ({ devId: d.devId, wave: waveOf(sizes, position + i) })),
    );
    position += runs.length;
    if (batch.length < CAMPAIGN_BATCH) break;
    after = batch.at(-1)?.devId;
    await nextTurn();
  }
  return saveCampaign(ctx, row, { wavesPlanned: true });
}
