import type { NodeChange, Repositories } from '../../persistence/ports';
import { checkPushUrl, PUBLIC_ONLY, type PushUrlPolicy } from '../notify/push-url-policy';

const DMACC_MOID_PREFIX = 'urn:oma:mo:oma-dm-dmacc:';
const PUSH_URI_PATH = 'Push/Ext/HTTP/URI';

/**
 * Keeps the device's push URL in step with DMAcc `<x>/Push/Ext/HTTP/URI` when the device reports it
 * (protocol §6); true when it changed. A URL the push rules refuse (protocol §12: not http(s), or a
 * loopback, link-local or private address) leaves the device without a push URL: it is served at its
 * next own session, and the server is never made to reach what the device named.
 */
export async function syncPushUrl(
  repos: Repositories,
  devId: string,
  changes: readonly NodeChange[],
  policy: PushUrlPolicy = PUBLIC_ONLY,
): Promise<boolean> {
  const change = changes.find((c) => c.moid.startsWith(DMACC_MOID_PREFIX) && c.path === PUSH_URI_PATH);
  if (!change) return false;
  const value = change.deleted ? null : change.newValue;
  const pushUrl = value !== null && /^\S+$/.test(value) && checkPushUrl(value, policy).ok ? value : null;
  await repos.devices.setPushUrl(devId, pushUrl);
  return true;
}
