// Who is talking: the OMADM-DevID header, then Basic or Digest credentials (protocol §2, §7).
import type { DeviceAdmission, DeviceRow, Store } from '../../persistence/ports';
import type { DeviceAuthenticator } from '../auth/device-auth';
import type { DeviceThrottle } from '../auth/device-throttle';
import { dmRefusal } from '../../protocol/session/refusal';
import { refused, type DmReply, type DmRequest } from './dm-types';

export type GateResult = { ok: true; device: DeviceRow } | { ok: false; reply: DmReply };

export async function admitDevice(
  store: Store,
  authenticator: DeviceAuthenticator,
  request: DmRequest,
  throttle: DeviceThrottle,
  /** What was read already of a device (a P3 reads it beside its session); used for that DevID only. */
  known?: { devId: string; admission: DeviceAdmission },
): Promise<GateResult> {
  const devId = request.devId?.trim();
  if (!devId)
    return { ok: false, reply: refused(dmRefusal('malformed', 'The OMADM-DevID header is missing.')) };
  // Without credentials the answer is a challenge whatever the device row holds: skip reading it.
  // With them, the device row and the DevID's failure counter are one read (protocol §7); a DevID
  // with no device has no counter that matters (only registered DevIDs are counted).
  const admission = !request.authorization
    ? undefined
    : known?.devId === devId
      ? known.admission
      : await store.devices.findForAdmission(devId);
  const device = admission?.device;
  const retryAfterS = throttle.retryAfter(admission?.failures);
  if (retryAfterS !== undefined) {
    return {
      ok: false,
      reply: refused({
        ...dmRefusal('throttled', 'Too many wrong credentials for this DevID; try again later.'),
        retryAfterS,
        note: 'Throttled after repeated wrong credentials.',
      }),
    };
  }
  const result = await authenticator.verify({
    authorization: request.authorization,
    devId,
    method: request.method,
    uri: request.uri,
    credentials: device?.credentials,
  });
  if (!result.ok && result.answer === 'bad-request') {
    return { ok: false, reply: refused(dmRefusal('malformed', result.reason)) };
  }
  if (!result.ok && result.wrongCredential && device) await throttle.failed(devId);
  if (!result.ok || !device) {
    const stale = !result.ok && result.stale;
    // No credentials yet, or an expired nonce: the usual first step of authenticating, not a fault.
    const routine = !request.authorization || stale;
    const why = result.ok ? 'unknown device' : result.reason;
    return {
      ok: false,
      reply: refused({
        ...dmRefusal('unauthenticated', 'Device authentication required.'),
        challenges: authenticator.challenges(stale),
        ...(routine ? { routine: true as const } : { note: `Authentication failed: ${why}.` }),
      }),
    };
  }
  return { ok: true, device };
}
