// The health gate between waves (protocol §11): a finished wave is promoted only when the alerts its
// updated (ok) devices raised in the window after they finished do not exceed `maxAlertRatio` × the
// alerts they raised in the same window before they started (at most `minAlerts` when there were none).
import type { HealthGate } from '@dmc/shared/api';
import type { AlertWindow, CampaignWaveRow } from '../../persistence/ports';
import type { CampaignContext } from './campaign-context';
import { CAMPAIGN_BATCH } from './targets';
import { nextTurn } from './yield';

export type GateVerdict = { pass: true } | { pass: false; reason: string };

/** Whether alerts of the counted kind stay within what the gate allows. */
export function judgeAlerts(gate: HealthGate, before: number, after: number): GateVerdict {
  const allowed = before === 0 ? gate.minAlerts : before * gate.maxAlertRatio;
  if (after <= allowed) return { pass: true };
  return {
    pass: false,
    reason:
      `the wave's updated devices raised ${after} alerts in the ${gate.windowS} s after their update, ` +
      `more than the ${allowed} allowed (${before} in the ${gate.windowS} s before)`,
  };
}

/** Counts the alerts of the wave's ok devices before and after, in batches, and judges them. */
export async function evaluateGate(
  ctx: CampaignContext,
  campaignId: string,
  wave: CampaignWaveRow,
  gate: HealthGate,
): Promise<GateVerdict> {
  const windowMs = gate.windowS * 1000;
  let before = 0;
  let after = 0;
  let cursor: string | undefined;
  for (;;) {
    const devices = await ctx.store.campaignDevices.list(campaignId, {
      wave: wave.n,
      state: 'ok',
      limit: CAMPAIGN_BATCH,
      ...(cursor === undefined ? {} : { afterDevId: cursor }),
    });
    const beforeWindows: AlertWindow[] = [];
    const afterWindows: AlertWindow[] = [];
    for (const d of devices) {
      const started = d.startedAt ?? wave.startedAt ?? d.updatedAt;
      const finished = d.finishedAt ?? d.updatedAt;
      beforeWindows.push({ devId: d.devId, from: new Date(started.getTime() - windowMs), to: started });
      afterWindows.push({ devId: d.devId, from: finished, to: new Date(finished.getTime() + windowMs) });
    }
    before += await ctx.store.campaignDevices.countAlerts(beforeWindows);
    after += await ctx.store.campaignDevices.countAlerts(afterWindows);
    if (devices.length < CAMPAIGN_BATCH) break;
    cursor = devices.at(-1)?.devId;
    await nextTurn();
  }
  return judgeAlerts(gate, before, after);
}
