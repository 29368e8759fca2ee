import type { DevInfoSummary } from '@dmc/shared/api';
import type { NodeChange, Repositories, TreeNodeRow } from '../../persistence/ports';

export const DEVINFO_MOID_PREFIX = 'urn:oma:mo:oma-dm-devinfo:';
export const INVENTORY_MAX_AGE_MS = 24 * 3600 * 1000;

const FIELDS = ['Man', 'Mod', 'FwV', 'SwV', 'HwV', 'DevType', 'Lang', 'DmV', 'OEM'] as const;

export function isDevInfo(moid: string): boolean {
  return moid.startsWith(DEVINFO_MOID_PREFIX);
}

/** The fleet-list summary from a DevInfo instance's stored leaves. */
export function summariseDevInfo(nodes: readonly TreeNodeRow[], previous: DevInfoSummary): DevInfoSummary {
  const next: DevInfoSummary = { ...previous };
  for (const field of FIELDS) {
    const node = nodes.find((n) => n.path === field);
    if (node) next[field] = node.value;
  }
  return next;
}

/** The summary from the nodes just written to one instance, when they hold every field; else undefined. */
function summaryOfWritten(
  written: readonly TreeNodeRow[],
  instance: { moid: string; miid: string },
): DevInfoSummary | undefined {
  // The last row written for a path is the one stored.
  const latest = new Map<string, string | null>();
  for (const n of written)
    if (n.moid === instance.moid && n.miid === instance.miid) latest.set(n.path, n.value);
  if (!FIELDS.every((field) => latest.has(field))) return undefined;
  return Object.fromEntries(FIELDS.map((field) => [field, latest.get(field) ?? null])) as DevInfoSummary;
}

/**
 * Re-derives the device's DevInfo summary when `changes` touched a DevInfo instance, and returns the
 * summary it stored (undefined when it stored none). `written` (the rows just stored) spares
 * re-reading the device and the instance when it holds every field; `previous` (the device's summary
 * as this write finds it) spares re-reading the device.
 */
export async function refreshDevInfoSummary(
  repos: Repositories,
  devId: string,
  changes: readonly NodeChange[],
  now: Date,
  written: readonly TreeNodeRow[] = [],
  previous?: DevInfoSummary,
): Promise<DevInfoSummary | undefined> {
  const touched = changes.find((c) => isDevInfo(c.moid));
  if (!touched) return undefined;
  const complete = summaryOfWritten(written, touched);
  if (complete) {
    await repos.devices.setDevInfo(devId, complete, now);
    return complete;
  }
  const before = previous ?? (await repos.devices.find(devId))?.devInfo;
  if (!before) return undefined;
  const nodes = await repos.tree.listNodes(devId, { moid: touched.moid, miid: touched.miid });
  const summary = summariseDevInfo(nodes, before);
  await repos.devices.setDevInfo(devId, summary, now);
  return summary;
}
