// What a DM package gives the session machine besides the package itself (the inventory target, the
// queued commands, the job an EXEC outcome reports on), and the MO instances a P1 reported, stored.
import type { MoInfo } from '@dmc/shared/protocol';
import type { QueuedCommand } from '../../protocol/session/session-machine';
import type {
  CommandRow,
  DeviceRow,
  MoInstanceRow,
  Repositories,
  TreeWriteCause,
} from '../../persistence/ports';
import { INVENTORY_MAX_AGE_MS, isDevInfo } from '../tree/dev-info';

export function inventoryTarget(device: DeviceRow, mos: readonly MoInfo[], now: Date) {
  const fresh = device.devInfoAt && now.getTime() - device.devInfoAt.getTime() < INVENTORY_MAX_AGE_MS;
  if (fresh) return null;
  const info = mos.find((m) => m.MOID !== undefined && isDevInfo(m.MOID) && m.MIID.length > 0);
  return info?.MOID && info.MIID[0] !== undefined ? { moid: info.MOID, miid: info.MIID[0] } : null;
}

export const toQueued = (row: { id: string; command: string[] }): QueuedCommand => ({
  id: row.id,
  wire: row.command,
});

export async function loadQueued(
  repos: Repositories,
  devId: string,
  now: Date,
  limit: number,
): Promise<QueuedCommand[]> {
  return (await repos.commands.listQueued(devId, now, limit)).map((row) => toQueued(row));
}

/** The EXEC a job session reports on, read again under the device's lock: does it still wait? */
export async function jobInput(repos: Repositories, job: CommandRow) {
  const current = await repos.commands.find(job.id);
  const waiting = current?.state === 'sent' || current?.state === 'accepted';
  return { commandId: job.id, target: job.command[1], wire: job.command, waiting };
}

/**
 * Stores the MO instances P1 reported. Most sessions report the set stored, read by the contact
 * statement: then nothing is written.
 */
export async function syncInstances(
  repos: Repositories,
  devId: string,
  mos: readonly MoInfo[],
  stored: readonly MoInstanceRow[],
  cause: TreeWriteCause,
): Promise<void> {
  const reported = mos.flatMap((mo) =>
    mo.MOID ? mo.MIID.map((miid) => ({ moid: mo.MOID as string, miid, ddf: mo.DDF ?? null })) : [],
  );
  const key = (i: { moid: string; miid: string; ddf: string | null }) =>
    `${i.moid}\n${i.miid}\n${i.ddf ?? ''}`;
  const storedKeys = new Set(stored.map(key));
  const wanted = new Set(reported.map(key));
  const isSame = storedKeys.size === wanted.size && [...wanted].every((k) => storedKeys.has(k));
  if (!isSame) await repos.tree.replaceInstances(devId, reported, cause);
}
