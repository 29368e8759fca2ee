// Dynamic membership (protocol §11): a running campaign with `dynamic: true` looks, every few seconds,
// for devices registered since its last look that match its query, and once a minute for any device
// that matches now and is not a member (its DevInfo, labels or tree changed). It judges them like the
// first members and adds them to its last wave (which runs again if it was done). Such a campaign
// never completes on its own: it runs until it is cancelled.
import type { CampaignRow } from '../../persistence/ports';
import { actionContextOf, saveCampaign, type CampaignContext } from './campaign-context';
import { nextTargetBatch } from './targets';
import { judgeDevices } from './verdicts';
import { nextTurn } from './yield';

/** How often a dynamic campaign looks for newly registered matches. */
export const DYNAMIC_EVERY_MS = 5_000;
/** How often it evaluates its whole query again (on the minute, so every instance agrees). */
export const DYNAMIC_RESCAN_MS = 60_000;

/** The row as saved after a look (or as given when it was not time); undefined when a step won. */
export async function addLateMatches(
  ctx: CampaignContext,
  row: CampaignRow,
): Promise<CampaignRow | undefined> {
  if (!row.dynamic || row.query === null || row.state !== 'running' || !row.wavesPlanned) return row;
  const now = ctx.clock.now();
  const since = row.dynamicCheckedAt ?? row.startedAt ?? row.createdAt;
  if (row.dynamicCheckedAt !== null && now.getTime() - since.getTime() < DYNAMIC_EVERY_MS) return row;
  const waves = await ctx.store.campaigns.listWaves(row.id);
  const last = waves.at(-1);
  const rescan =
    row.dynamicCheckedAt === null ||
    Math.floor(now.getTime() / DYNAMIC_RESCAN_MS) !== Math.floor(since.getTime() / DYNAMIC_RESCAN_MS);
  const newer = `createdAt >= "${since.toISOString()}"`;
  const query = rescan ? row.query : row.query.trim() === '' ? newer : `(${row.query}) AND ${newer}`;
  const context = await actionContextOf(ctx, row.id, row.action);
  let added = 0;
  let cursor: string | null = null;
  for (;;) {
    const batch = await nextTargetBatch(ctx.store, { query, devIds: null }, cursor, now, {
      onlyNonMembersOf: row.id,
    });
    const verdicts = await judgeDevices(ctx.store.campaignDevices, context, batch.facts, {
      withDryRun: false,
      extraMetadata: [],
    });
    await ctx.store.campaignDevices.addMembers(
      row.id,
      verdicts.map((v) => ({
        devId: v.devId,
        state: v.reason === null ? 'pending' : 'skipped',
        reason: v.reason,
        detail: v.detail,
      })),
      now,
    );
    const runs = verdicts.filter((v) => v.reason === null);
    // Only members without a wave get one: the first members keep theirs.
    if (last)
      await ctx.store.campaignDevices.assignWaves(
        row.id,
        runs.map((v) => ({ devId: v.devId, wave: last.n })),
      );
    added += runs.length;
    cursor = batch.cursor;
    if (batch.done) break;
    await nextTurn();
  }
  if (added > 0 && last?.state === 'done')
    await ctx.store.campaigns.transitionWave(row.id, last.n, ['done'], {
      state: 'running',
      size: last.size + added,
      finishedAt: null,
    });
  return saveCampaign(ctx, row, { dynamicCheckedAt: now });
}
