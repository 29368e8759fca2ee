// The campaign step (protocol §11): moves one campaign along by idempotent, conditional changes, so a
// crash at any point leaves work the next step picks up and two steps at once never start a wave twice
// or queue a second command for a device (ARCHITECTURE.md, invariant 26). Order of one step:
// membership → wave plan → follow running devices → the current wave: start it (pending → running,
// one winner), queue its pending devices in batches, finish it (→ gating or done), judge the health
// gate, pause at the error threshold → completion. A cancelled campaign is settled: its open devices
// cancelled, with their queued commands.
import type { CampaignRow, CampaignWaveRow } from '../../persistence/ports';
import { derivedId } from './campaign-action';
import { saveCampaign, type CampaignContext } from './campaign-context';
import { toCounts } from './campaign-view';
import { addLateMatches } from './dynamic';
import { followRunning } from './follow';
import { evaluateGate } from './health-gate';
import { advanceMembership, planCampaignWaves } from './membership';
import { runAction } from './action-runner';
import { CAMPAIGN_BATCH } from './targets';
import { crossesThreshold } from './threshold';
import { nextTurn } from './yield';

/** Batches of devices one step queues per campaign before it lets the others have their turn. */
const QUEUE_BATCHES_PER_STEP = 10;

interface Progress {
  row: CampaignRow;
  changed: boolean;
}

async function save(ctx: CampaignContext, p: Progress, changes: Partial<CampaignRow>): Promise<boolean> {
  const saved = await saveCampaign(ctx, p.row, changes);
  if (!saved) return false;
  p.row = saved;
  p.changed = true;
  return true;
}

/** Cancels the open devices of a cancelled campaign, with their queued commands, in batches. */
async function settle(ctx: CampaignContext, p: Progress): Promise<void> {
  const { row } = p;
  for (;;) {
    const cancelled = await ctx.store.campaignDevices.cancelOpen(row.id, CAMPAIGN_BATCH, ctx.clock.now());
    if (cancelled.length === 0) break;
    p.changed = true;
    // A pending device may have a command already (a step stopped between queueing and marking it).
    if (row.action.kind === 'firmware-update' || row.action.kind === 'software-install') {
      // An operation the device has not begun is cancelled with its queued commands.
      const ids = cancelled.map((d) => d.operationId ?? derivedId('operation', row.id, d.devId));
      const started = await ctx.store.campaignDevices.operationOutcomes(ids);
      for (const op of started) await ctx.operations.cancel(op.id).catch(() => undefined);
    } else {
      const ids = cancelled.map((d) => d.commandId ?? derivedId('command', row.id, d.devId));
      const open = await ctx.store.campaignDevices.commandOutcomes(ids);
      for (const command of open) {
        if (command.state !== 'queued' && command.state !== 'sent') continue;
        await ctx.commands.cancel(command.id).catch(() => undefined);
      }
    }
    await nextTurn();
  }
  await save(ctx, p, { settled: true });
}

/** Queues the action for the wave's pending devices, a few batches per step. */
async function queueWave(ctx: CampaignContext, p: Progress, wave: CampaignWaveRow): Promise<void> {
  for (let i = 0; i < QUEUE_BATCHES_PER_STEP; i += 1) {
    // Stop between batches when a verb paused or cancelled the campaign meanwhile.
    const fresh = await ctx.store.campaigns.find(p.row.id);
    if (fresh?.state !== 'running') return;
    const pending = await ctx.store.campaignDevices.list(p.row.id, {
      state: 'pending',
      wave: wave.n,
      limit: CAMPAIGN_BATCH,
    });
    if (pending.length === 0) return;
    if ((await runAction(ctx, p.row, pending)) > 0) p.changed = true;
    if (pending.length < CAMPAIGN_BATCH) return;
    await nextTurn();
  }
}

/** A wave whose devices all finished: gating when there is a health gate, else done. */
async function finishWave(ctx: CampaignContext, p: Progress, wave: CampaignWaveRow): Promise<void> {
  const now = ctx.clock.now();
  const gate = p.row.healthGate;
  if (gate !== null) {
    const gateUntil = new Date(now.getTime() + gate.windowS * 1000);
    if (
      await ctx.store.campaigns.transitionWave(p.row.id, wave.n, ['running'], { state: 'gating', gateUntil })
    )
      p.changed = true;
    return;
  }
  await promote(ctx, p, wave, ['running']);
}

/** The wave is done; the campaign pauses when failures crossed the threshold and waves remain. */
async function promote(
  ctx: CampaignContext,
  p: Progress,
  wave: CampaignWaveRow,
  from: readonly CampaignWaveRow['state'][],
): Promise<void> {
  const now = ctx.clock.now();
  if (!(await ctx.store.campaigns.transitionWave(p.row.id, wave.n, from, { state: 'done', finishedAt: now })))
    return;
  p.changed = true;
  const waves = await ctx.store.campaigns.listWaves(p.row.id);
  const isLast = waves.every((w) => w.n <= wave.n || w.state === 'done');
  // Read again: a verb may have changed the campaign while its devices were queued.
  const fresh = await ctx.store.campaigns.find(p.row.id);
  if (fresh) p.row = fresh;
  if (isLast || p.row.state !== 'running') return;
  const counts = toCounts(await ctx.store.campaignDevices.countByState(p.row.id));
  if (crossesThreshold(counts, p.row.errorThresholdPct, p.row.acceptedFailures))
    await save(ctx, p, { state: 'paused', pausedReason: 'error-threshold' });
}

/** Promotes a gating wave whose window passed when its alerts allow; true when it was promoted. */
async function judgeGate(ctx: CampaignContext, p: Progress, wave: CampaignWaveRow): Promise<boolean> {
  const gate = p.row.healthGate;
  if (gate === null || p.row.state !== 'running') return false;
  if (wave.gateUntil !== null && wave.gateUntil.getTime() > ctx.clock.now().getTime()) return false;
  const verdict = await evaluateGate(ctx, p.row.id, wave, gate);
  if (verdict.pass) {
    await promote(ctx, p, wave, ['gating']);
    return true;
  }
  if (await save(ctx, p, { state: 'paused', pausedReason: 'health-gate' }))
    await ctx.store.campaigns.transitionWave(p.row.id, wave.n, ['gating'], {
      state: 'gating',
      gateReason: verdict.reason,
    });
  return false;
}

/** Works on the first wave that is not done; true when it finished (the next may start at once). */
async function advanceWaves(ctx: CampaignContext, p: Progress): Promise<boolean> {
  const waves = await ctx.store.campaigns.listWaves(p.row.id);
  const wave = waves.find((w) => w.state !== 'done');
  if (wave === undefined) {
    if (p.row.state === 'running' && !p.row.dynamic)
      await save(ctx, p, { state: 'completed', finishedAt: ctx.clock.now() });
    return false;
  }
  const running = p.row.state === 'running';
  if (wave.state === 'gating') return judgeGate(ctx, p, wave);
  if (wave.state === 'pending') {
    if (!running) return false;
    const claimed = await ctx.store.campaigns.transitionWave(p.row.id, wave.n, ['pending'], {
      state: 'running',
      startedAt: ctx.clock.now(),
    });
    if (claimed) p.changed = true;
  }
  if (running) await queueWave(ctx, p, wave);
  if ((await ctx.store.campaignDevices.countOpenInWave(p.row.id, wave.n)) > 0) return false;
  await finishWave(ctx, p, wave);
  return p.row.healthGate === null;
}

/** Moves one campaign along; true when anything about it changed (its row, a wave or a device). */
export async function stepCampaign(ctx: CampaignContext, row: CampaignRow): Promise<boolean> {
  const p: Progress = { row, changed: false };
  if (row.state === 'cancelled') {
    if (!row.settled) await settle(ctx, p);
    return p.changed;
  }
  if (row.state !== 'running' && row.state !== 'paused') return false;
  if (!p.row.membershipDone) {
    const saved = await advanceMembership(ctx, p.row);
    if (!saved) return p.changed;
    p.changed = true;
    p.row = saved;
    if (!saved.membershipDone) return true;
  }
  if (!p.row.wavesPlanned) {
    const saved = await planCampaignWaves(ctx, p.row);
    if (!saved) return p.changed;
    p.row = saved;
    p.changed = true;
  }
  const late = await addLateMatches(ctx, p.row);
  if (!late) return p.changed;
  p.row = late;
  if ((await followRunning(ctx, p.row.id)) > 0) p.changed = true;
  // A wave that finishes at once (wake, labels, devices already done) lets the next one start in
  // the same step; a few at most, so one campaign does not hold the step.
  for (let i = 0; i < 4 && (await advanceWaves(ctx, p)); i += 1) await nextTurn();
  return p.changed;
}
