// Re-sealing under a new secret key (protocol §12), in one transaction: every notification secret and
// the key check are sealed anew, and each HTTP Basic verifier is derived anew from the device's DM
// secret where that secret is known (it is, when the notification secret is the DM secret, the
// default). A verifier whose secret is not known cannot follow the key: such devices keep Digest and
// need a new DM secret for Basic; the rotation refuses unless told to accept that.
import { randomBytes } from 'node:crypto';
import {
  basicVerifier,
  decryptSecret,
  encryptSecret,
  verifyBasicSecret,
} from '../domain/auth/device-secrets';
import type { KeyedCredentials, Store } from '../persistence/ports';
import { KEY_CHECK_SETTING, KEY_CHECK_TEXT } from './secret-key';

export interface RotationReport {
  /** Devices whose notification secret was sealed anew. */
  resealed: number;
  /** Devices whose Basic verifier now follows the new key. */
  basicRederived: number;
  /** Devices whose Basic verifier could not follow (their DM secret is not known): Digest only. */
  basicLost: string[];
}

/** Some Basic verifiers cannot follow the new key and the caller did not accept losing them. */
export class RotationRefusedError extends Error {
  override readonly name = 'RotationRefusedError';
}

function rekey(old: KeyedCredentials, oldKey: Buffer, newKey: Buffer) {
  const notify = old.notifySecretEnc === null ? null : decryptSecret(oldKey, old.notifySecretEnc);
  const isDmSecret = notify !== null && verifyBasicSecret(oldKey, notify, old.basicVerifier);
  const next: KeyedCredentials = {
    devId: old.devId,
    // A verifier of a random secret: nothing presented over Basic matches it any more.
    basicVerifier: basicVerifier(newKey, isDmSecret ? notify : randomBytes(32).toString('base64url')),
    notifySecretEnc: notify === null ? null : encryptSecret(newKey, notify),
  };
  return { next, isDmSecret };
}

/**
 * Seals everything under `newKey` in one transaction; nothing changes when it throws. Every server
 * on the database must be stopped: one still running would keep sealing under the old key.
 */
export async function rotateSecretKey(
  store: Store,
  oldKey: Buffer,
  newKey: Buffer,
  options: { allowBasicLoss: boolean },
): Promise<RotationReport> {
  return store.transaction(async (repos) => {
    const planned = (await repos.credentials.listKeyed()).map((c) => rekey(c, oldKey, newKey));
    const basicLost = planned.filter((p) => !p.isDmSecret).map((p) => p.next.devId);
    if (basicLost.length > 0 && !options.allowBasicLoss) {
      throw new RotationRefusedError(
        `${basicLost.length} device(s) have a notification secret of their own, so their HTTP Basic ` +
          `verifier cannot follow the new key (e.g. ${basicLost.slice(0, 5).join(', ')}). ` +
          'They would keep Digest but need a new DM secret for Basic; run again with --allow-basic-loss ' +
          'to accept that. Nothing was changed.',
      );
    }
    for (const { next } of planned) await repos.credentials.setKeyed(next);
    await repos.settings.put(KEY_CHECK_SETTING, encryptSecret(newKey, KEY_CHECK_TEXT));
    return {
      resealed: planned.filter((p) => p.next.notifySecretEnc !== null).length,
      basicRederived: planned.length - basicLost.length,
      basicLost,
    };
  });
}
