// Starting a campaign's action on a batch of its pending devices (protocol §11). A command or
// operation gets the id derived from (campaign, device), so a step retried after a crash, or run by a
// second instance at the same time, finds the one queued before: a device never gets a second. The
// device's row then moves pending → running conditionally, once.
import { deviceUpdated, publish } from '../events/live-events';
import { MAX_LABELS_PER_DEVICE, type CampaignAction } from '@dmc/shared/api';
import type { CampaignDeviceOutcome, CampaignDeviceRow, CampaignRow } from '../../persistence/ports';
import { DomainError } from '../errors';
import { commandInputOf, derivedId } from './campaign-action';
import type { CampaignContext } from './campaign-context';

interface Started {
  devId: string;
  commandId: string | null;
  operationId: string | null;
}

const problem = (err: unknown): string => (err instanceof DomainError ? err.message : 'the action failed');

async function startCommands(
  ctx: CampaignContext,
  row: CampaignRow,
  action: CampaignAction & { kind: 'command' },
  devices: readonly CampaignDeviceRow[],
  failures: CampaignDeviceOutcome[],
): Promise<Started[]> {
  const input = commandInputOf(action);
  const ids = devices.map((d) => derivedId('command', row.id, d.devId));
  // One read for the batch: the commands a previous run queued already.
  const queued = new Set((await ctx.store.campaignDevices.commandOutcomes(ids)).map((c) => c.id));
  const missing = devices.flatMap((d, i) =>
    queued.has(ids[i] ?? '') ? [] : [{ devId: d.devId, id: ids[i] ?? '' }],
  );
  try {
    // The batch in one transaction; a conflict (another step queued some meanwhile, a device was
    // removed) leaves nothing queued, and each device is then queued on its own below.
    await ctx.commands.queueBatch(missing, input, row.createdBy);
    for (const item of missing) queued.add(item.id);
  } catch {
    // Fall back to one device at a time: its errors are each device's own.
  }
  const started: Started[] = [];
  for (const [i, device] of devices.entries()) {
    const id = ids[i] ?? '';
    try {
      if (!queued.has(id)) await ctx.commands.queue(device.devId, input, row.createdBy, { id });
      started.push({ devId: device.devId, commandId: id, operationId: null });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      started.push({ devId: device.devId, commandId: null, operationId: null });
      failures.push({
        devId: device.devId,
        state: 'failed',
        sc: null,
        reason: 'command-failed',
        detail: problem(err),
      });
    }
  }
  return started;
}

async function startOperations(
  ctx: CampaignContext,
  row: CampaignRow,
  action: CampaignAction & { kind: 'firmware-update' | 'software-install' },
  devices: readonly CampaignDeviceRow[],
  failures: CampaignDeviceOutcome[],
): Promise<Started[]> {
  const input = {
    artifactId: action.artifactId,
    ...(action.consent ? { consent: { kind: 'consent' as const } } : {}),
  };
  const started: Started[] = [];
  for (const device of devices) {
    const id = derivedId('operation', row.id, device.devId);
    try {
      await (action.kind === 'firmware-update'
        ? ctx.operations.startFirmwareUpdate(device.devId, input, { id, campaignId: row.id })
        : ctx.operations.startSoftwareInstall(device.devId, input, { id, campaignId: row.id }));
      started.push({ devId: device.devId, commandId: null, operationId: id });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      started.push({ devId: device.devId, commandId: null, operationId: null });
      failures.push({
        devId: device.devId,
        state: 'failed',
        sc: null,
        reason: 'no-instance',
        detail: problem(err),
      });
    }
  }
  return started;
}

/**
 * A cancel that settled the campaign while this batch was being queued (another instance, at a lease
 * handover) leaves its devices cancelled: the commands queued for them meanwhile are cancelled too.
 */
async function cancelStrays(
  ctx: CampaignContext,
  campaignId: string,
  started: readonly Started[],
  moved: readonly string[],
): Promise<void> {
  const movedSet = new Set(moved);
  const strays = started.filter((s) => s.commandId !== null && !movedSet.has(s.devId));
  if (strays.length === 0 || (await ctx.store.campaigns.find(campaignId))?.state !== 'cancelled') return;
  for (const stray of strays)
    if (stray.commandId !== null) await ctx.commands.cancel(stray.commandId).catch(() => undefined);
}

/** Starts the action on `devices` (pending members of one batch); returns how many moved. */
export async function runAction(
  ctx: CampaignContext,
  row: CampaignRow,
  devices: readonly CampaignDeviceRow[],
): Promise<number> {
  const { action } = row;
  const repo = ctx.store.campaignDevices;
  const now = ctx.clock.now();
  const devIds = devices.map((d) => d.devId);
  switch (action.kind) {
    case 'wake':
      for (const devId of devIds) await ctx.notifications.wake(devId);
      return (await repo.markDone(row.id, devIds, now)).length;
    case 'labels': {
      // A device the change would take over its label limit is left as it was, and fails.
      const { overLimit } = await ctx.store.devices.changeLabels(devIds, {
        add: action.add,
        remove: action.remove,
      });
      const over = new Set(overLimit);
      // Consoles showing these devices get their new labels, as after a single device's edit.
      for (const device of await ctx.store.devices.findMany(devIds.filter((d) => !over.has(d))))
        publish(ctx.events, deviceUpdated(device, now));
      await repo.finish(
        row.id,
        overLimit.map((devId) => ({
          devId,
          state: 'failed' as const,
          sc: null,
          reason: 'label-limit' as const,
          detail: `the device would hold more than ${MAX_LABELS_PER_DEVICE} labels`,
        })),
        now,
      );
      return (
        (
          await repo.markDone(
            row.id,
            devIds.filter((d) => !over.has(d)),
            now,
          )
        ).length + over.size
      );
    }
    case 'command':
    case 'firmware-update':
    case 'software-install': {
      const failures: CampaignDeviceOutcome[] = [];
      const started =
        action.kind === 'command'
          ? await startCommands(ctx, row, action, devices, failures)
          : await startOperations(ctx, row, action, devices, failures);
      const moved = await repo.markRunning(row.id, started, now);
      await repo.finish(row.id, failures, now);
      await cancelStrays(ctx, row.id, started, moved);
      return moved.length;
    }
  }
}
