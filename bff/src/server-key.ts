import { randomBytes } from 'node:crypto';
import type { Store } from './persistence/ports';

/** The key for device-secret verifiers and sealed secrets: made once, shared by every instance. */
export async function loadServerKey(store: Store): Promise<Buffer> {
  const value = await store.settings.putIfAbsent('server-key', randomBytes(32).toString('base64url'));
  const key = Buffer.from(value, 'base64url');
  if (key.length !== 32) throw new Error('The stored server key is corrupt.');
  return key;
}
