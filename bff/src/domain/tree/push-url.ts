import type { NodeChange, Repositories } from '../../persistence/ports';

const DMACC_MOID_PREFIX = 'urn:oma:mo:oma-dm-dmacc:';
const PUSH_URI_PATH = 'Push/Ext/HTTP/URI';

/**
 * Keeps the device's push URL in step with DMAcc `<x>/Push/Ext/HTTP/URI` when the device reports it
 * (protocol §6); true when it changed.
 */
export async function syncPushUrl(
  repos: Repositories,
  devId: string,
  changes: readonly NodeChange[],
): Promise<boolean> {
  const change = changes.find((c) => c.moid.startsWith(DMACC_MOID_PREFIX) && c.path === PUSH_URI_PATH);
  if (!change) return false;
  const value = change.deleted ? null : change.newValue;
  const pushUrl = value !== null && /^https?:\/\/\S+$/.test(value) ? value : null;
  await repos.devices.setPushUrl(devId, pushUrl);
  return true;
}
