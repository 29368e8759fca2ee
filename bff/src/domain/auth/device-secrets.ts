// Device secrets are machine secrets: verified with a keyed hash in microseconds, never stored in
// plain text (protocol §7). Digest needs H(user:realm:secret) per algorithm (RFC 7616 §3.4.2).
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { DeviceCredentials } from '../../persistence/ports';

export const DIGEST_REALM = 'dmc';

export type DigestAlgorithm = 'MD5' | 'SHA-256';

export function digestHash(algorithm: DigestAlgorithm, data: string): string {
  return createHash(algorithm === 'MD5' ? 'md5' : 'sha256')
    .update(data, 'utf8')
    .digest('hex');
}

export function basicVerifier(serverKey: Buffer, secret: string): string {
  return createHmac('sha256', serverKey).update(secret, 'utf8').digest('base64url');
}

export function verifyBasicSecret(serverKey: Buffer, secret: string, verifier: string): boolean {
  const actual = Buffer.from(basicVerifier(serverKey, secret));
  const expected = Buffer.from(verifier);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** AES-256-GCM under the server key; the output is iv.tag.ciphertext in base64url. */
export function encryptSecret(serverKey: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', serverKey, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function decryptSecret(serverKey: Buffer, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) throw new Error('malformed sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', serverKey, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

export function deriveDeviceCredentials(
  serverKey: Buffer,
  devId: string,
  secret: string,
  notifySecret: string | undefined,
): DeviceCredentials {
  const a1 = `${devId}:${DIGEST_REALM}:${secret}`;
  return {
    basicVerifier: basicVerifier(serverKey, secret),
    digestHa1Md5: digestHash('MD5', a1),
    digestHa1Sha256: digestHash('SHA-256', a1),
    notifySecretEnc: encryptSecret(serverKey, notifySecret ?? secret),
  };
}
