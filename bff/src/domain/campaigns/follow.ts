// Following running devices to their end (protocol §11): each batch of running members reads its
// commands or operations in one statement and finishes those that ended, conditionally.
import { z } from 'zod';
import { FINAL_COMMAND_STATES } from '@dmc/shared/api';
import type {
  CampaignDeviceOutcome,
  CampaignDeviceRow,
  CommandOutcomeRow,
  OperationOutcomeRow,
} from '../../persistence/ports';
import { nextTurn } from './yield';
import type { CampaignContext } from './campaign-context';
import { CAMPAIGN_BATCH } from './targets';

function commandOutcome(devId: string, command: CommandOutcomeRow): CampaignDeviceOutcome | undefined {
  if (!FINAL_COMMAND_STATES.includes(command.state)) return undefined;
  if (command.state === 'ok') return { devId, state: 'ok', sc: command.sc, reason: null, detail: null };
  const status = command.sc === null ? '' : ` with status ${command.sc}`;
  const why = command.reason === null ? '' : ` (${command.reason})`;
  return {
    devId,
    state: 'failed',
    sc: command.sc,
    reason: 'command-failed',
    detail: `the command ${command.state}${status}${why}`,
  };
}

function reasonIn(result: unknown): string | null {
  if (typeof result !== 'object' || result === null || !('reason' in result)) return null;
  return typeof result.reason === 'string' ? result.reason : null;
}

const mismatchSchema = z.object({ expected: z.string(), reported: z.string().nullable() });

/** A version-mismatch result in words: the version the device reports and the one it should. */
function mismatchDetail(result: unknown): string {
  const parsed = mismatchSchema.safeParse(result);
  if (!parsed.success) return "the device does not report the artifact's version";
  const { expected, reported } = parsed.data;
  const reports = reported === null ? 'no version' : `version "${reported}"`;
  return `after the update the device reports ${reports}, not "${expected}"`;
}

/** The device's outcome once its operation ended; undefined while it runs. */
export function operationOutcome(devId: string, op: OperationOutcomeRow): CampaignDeviceOutcome | undefined {
  switch (op.state) {
    case 'ok':
      return { devId, state: 'ok', sc: null, reason: null, detail: null };
    case 'declined':
      return {
        devId,
        state: 'failed',
        sc: null,
        reason: 'declined',
        detail: 'the person on the device declined',
      };
    case 'failed':
    case 'cancelled': {
      const reason = reasonIn(op.result);
      const mismatch = reason === 'version-mismatch';
      return {
        devId,
        state: 'failed',
        sc: null,
        reason: mismatch ? 'version-mismatch' : 'command-failed',
        detail: mismatch ? mismatchDetail(op.result) : (reason ?? `the operation ${op.state}`),
      };
    }
    default:
      return undefined;
  }
}

async function outcomesOf(
  ctx: CampaignContext,
  devices: readonly CampaignDeviceRow[],
): Promise<CampaignDeviceOutcome[]> {
  const repo = ctx.store.campaignDevices;
  const commandIds = devices.flatMap((d) => (d.commandId === null ? [] : [d.commandId]));
  const operationIds = devices.flatMap((d) => (d.operationId === null ? [] : [d.operationId]));
  const [commands, operations] = await Promise.all([
    repo.commandOutcomes(commandIds),
    repo.operationOutcomes(operationIds),
  ]);
  const byCommand = new Map(commands.map((c) => [c.id, c]));
  const byOperation = new Map(operations.map((o) => [o.id, o]));
  return devices.flatMap((d) => {
    const command = d.commandId === null ? undefined : byCommand.get(d.commandId);
    const op = d.operationId === null ? undefined : byOperation.get(d.operationId);
    const outcome = command
      ? commandOutcome(d.devId, command)
      : op
        ? operationOutcome(d.devId, op)
        : undefined;
    return outcome ? [outcome] : [];
  });
}

/** Finishes the campaign's running devices whose command or operation ended; returns how many. */
export async function followRunning(ctx: CampaignContext, campaignId: string): Promise<number> {
  let finished = 0;
  let after: string | undefined;
  for (;;) {
    const running = await ctx.store.campaignDevices.list(campaignId, {
      state: 'running',
      limit: CAMPAIGN_BATCH,
      ...(after === undefined ? {} : { afterDevId: after }),
    });
    const outcomes = await outcomesOf(ctx, running);
    finished += await ctx.store.campaignDevices.finish(campaignId, outcomes, ctx.clock.now());
    if (running.length < CAMPAIGN_BATCH) return finished;
    after = running.at(-1)?.devId;
    await nextTurn();
  }
}
