import type { DevInfoSummary } from '@dmc/shared/api';
import type { TreeNodeRow } from '../../persistence/ports';

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
