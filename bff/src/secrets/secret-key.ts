// The key that seals device notification secrets and keys the secret verifiers (protocol §12). It
// lives outside the database: DMC_SECRET_KEY, or <DMC_DATA_DIR>/secret.key made at first start with
// mode 0600. The database keeps only a canary sealed under the key, so starting with another key
// stops with a message instead of reading garbage. Databases from before keep their key in the
// settings table: it is moved to secret.key (or checked against DMC_SECRET_KEY), then removed.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { decryptSecret, encryptSecret } from '../domain/auth/device-secrets';
import type { Store } from '../persistence/ports';
import { SECRET_KEY_BYTES, SECRET_KEY_FORMAT, formatSecretKey, parseSecretKey } from './secret-key-format';

export const SECRET_KEY_FILE = 'secret.key';
/** Where databases from before protocol §12 kept the key, as base64url text. */
export const LEGACY_KEY_SETTING = 'server-key';
/** A fixed text sealed under the key: opens only with the key the database's secrets were sealed with. */
export const KEY_CHECK_SETTING = 'secret-key-check';
export const KEY_CHECK_TEXT = 'dmc secret key check';

/** The key is missing, malformed or not the one this database was sealed with: the start stops. */
export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

export interface SecretKeySource {
  store: Store;
  /** DMC_DATA_DIR: where secret.key is read or made when `configured` is absent. */
  dataDir: string;
  /** DMC_SECRET_KEY, parsed; when set, secret.key is neither read nor made. */
  configured: Buffer | undefined;
}

/** Where the key came from: DMC_SECRET_KEY, secret.key, a new secret.key, or moved out of the database. */
export type SecretKeyOrigin = 'env' | 'file' | 'created' | 'moved';

export interface LoadedSecretKey {
  key: Buffer;
  origin: SecretKeyOrigin;
}

function hasCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

async function readKeyFile(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (hasCode(err, 'ENOENT')) return undefined;
    throw err;
  }
  const key = parseSecretKey(text);
  if (key === undefined)
    throw new SecretKeyError(`${file} does not hold a secret key (${SECRET_KEY_FORMAT}).`);
  return key;
}

async function writeOpened(handle: FileHandle, key: Buffer): Promise<void> {
  try {
    await handle.chmod(0o600);
    await handle.writeFile(`${formatSecretKey(key)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a new or renamed file in `dir` durable; best effort where directories cannot be opened. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

/** Writes `key` to `file` (mode 0600, synced), replacing what it held. */
export async function writeKeyFile(file: string, key: Buffer): Promise<void> {
  await writeOpened(await open(file, 'w', 0o600), key);
  await syncDir(path.dirname(file));
}

/** Writes `key` to a new file (0600, synced); if another process made the file first, reads that one. */
async function createKeyFile(file: string, key: Buffer): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (err) {
    if (hasCode(err, 'EEXIST')) return (await readKeyFile(file)) ?? key;
    throw err;
  }
  await writeOpened(handle, key);
  await syncDir(path.dirname(file));
  return key;
}

function decodeLegacy(text: string): Buffer {
  const key = Buffer.from(text, 'base64url');
  if (key.length !== SECRET_KEY_BYTES) throw new SecretKeyError('The key stored in the database is corrupt.');
  return key;
}

/** Seals the check text on first use; afterwards opens it, which only the right key can. */
async function opensKeyCheck(store: Store, key: Buffer): Promise<boolean> {
  const sealed = await store.settings.putIfAbsent(KEY_CHECK_SETTING, encryptSecret(key, KEY_CHECK_TEXT));
  try {
    return decryptSecret(key, sealed) === KEY_CHECK_TEXT;
  } catch {
    return false;
  }
}

/**
 * A rotation writes the new key to secret.key.new before its transaction and renames it over
 * secret.key after; when it stopped in between, the new file holds the database's key: finish it.
 */
async function finishRotation(store: Store, file: string): Promise<Buffer | undefined> {
  const pending = pendingKeyFile(file);
  const key = await readKeyFile(pending).catch(() => undefined);
  if (key === undefined || !(await opensKeyCheck(store, key))) return undefined;
  await rename(pending, file);
  return key;
}

/** Where a rotation puts the new key until the database is sealed under it. */
export function pendingKeyFile(file: string): string {
  return `${file}.new`;
}

/**
 * The secret key for this database: DMC_SECRET_KEY, else secret.key in the data directory (moved
 * there from a database that still holds its key, or made new for a new database). Checked against
 * the database's sealed canary; throws SecretKeyError when it cannot be the right key.
 */
export async function openSecretKey(source: SecretKeySource): Promise<LoadedSecretKey> {
  const { store, configured } = source;
  const file = path.join(source.dataDir, SECRET_KEY_FILE);
  const legacyText = await store.settings.get(LEGACY_KEY_SETTING);
  const legacy = legacyText === undefined ? undefined : decodeLegacy(legacyText);
  let loaded: LoadedSecretKey;
  if (configured !== undefined) {
    loaded = { key: configured, origin: 'env' };
  } else if (store.engine === 'postgres') {
    // Instances share the database but not a data directory: a file could differ between them.
    throw new SecretKeyError(
      'DMC_SECRET_KEY must be set with PostgreSQL: every instance needs the same key.',
    );
  } else {
    const fromFile = await readKeyFile(file);
    if (fromFile !== undefined) loaded = { key: fromFile, origin: 'file' };
    else if (legacy !== undefined) loaded = { key: await createKeyFile(file, legacy), origin: 'moved' };
    else if ((await store.settings.get(KEY_CHECK_SETTING)) !== undefined)
      throw new SecretKeyError(
        `${file} is missing, but this database's device secrets are sealed under a key. ` +
          'Restore secret.key from its backup (or set DMC_SECRET_KEY to the key).',
      );
    else loaded = { key: await createKeyFile(file, randomBytes(SECRET_KEY_BYTES)), origin: 'created' };
  }
  const where = loaded.origin === 'env' ? 'DMC_SECRET_KEY' : file;
  if (legacy !== undefined && !legacy.equals(loaded.key)) {
    throw new SecretKeyError(
      `The secret key from ${where} is not the key this database was made with (the database still ` +
        `holds it under settings '${LEGACY_KEY_SETTING}'). Use that key; nothing was changed.`,
    );
  }
  if (!(await opensKeyCheck(store, loaded.key))) {
    const finished = loaded.origin === 'file' ? await finishRotation(store, file) : undefined;
    if (finished === undefined) {
      throw new SecretKeyError(
        `The secret key from ${where} is not the key this database's device secrets were sealed with. ` +
          'Start with that key (restore secret.key or DMC_SECRET_KEY from its backup); nothing was changed.',
      );
    }
    loaded = { key: finished, origin: 'file' };
  }
  if (legacy !== undefined) await store.settings.remove(LEGACY_KEY_SETTING);
  return loaded;
}
