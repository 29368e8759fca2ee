// Secrets at rest (protocol §12) on real SQLite files: the key lives outside the database, the data
// directory and its files are private, a database from before gives its key up to secret.key and
// still opens its sealed secrets, and a wrong or missing key stops the start with a clear message.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptSecret, deriveDeviceCredentials } from '../src/domain/auth/device-secrets';
import { openSqliteStore } from '../src/persistence';
import { makeDevice } from '../src/persistence/contract/fixtures';
import type { Store } from '../src/persistence/ports';
import { secureDataDir } from '../src/secrets/data-dir';
import { LEGACY_KEY_SETTING, SecretKeyError, openSecretKey } from '../src/secrets/secret-key';
import { parseSecretKey } from '../src/secrets/secret-key-format';
import { freePort, startInstance, type Instance } from './support/cluster-support';

const dirs: string[] = [];
const instances: Instance[] = [];
afterEach(async () => {
  await Promise.all(instances.splice(0).map((i) => i.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dmc-secret-'));
  dirs.push(dir);
  return dir;
}

const mode = (file: string) => statSync(file).mode & 0o777;

/** What the server does at start: private data dir, the store, then the key. */
async function start(dataDir: string, configured?: Buffer) {
  await secureDataDir(dataDir);
  const store = await openSqliteStore({ file: path.join(dataDir, 'dmc.sqlite') });
  try {
    return { store, ...(await openSecretKey({ store, dataDir, configured })) };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** Every byte SQLite keeps for the database on disk. */
function databaseBytes(dataDir: string): Buffer {
  const files = ['dmc.sqlite', 'dmc.sqlite-wal', 'dmc.sqlite-shm'].map((f) => path.join(dataDir, f));
  return Buffer.concat(files.filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

/** A database as the versions before kept it: the key in the settings table, secrets sealed under it. */
async function legacyDatabase(dataDir: string): Promise<{ key: Buffer; notifySecret: string }> {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  chmodSync(dataDir, 0o755);
  const key = randomBytes(32);
  const notifySecret = 'notify-secret-of-dev-1';
  const store = await openSqliteStore({ file: path.join(dataDir, 'dmc.sqlite') });
  await store.settings.putIfAbsent(LEGACY_KEY_SETTING, key.toString('base64url'));
  const credentials = deriveDeviceCredentials(key, 'dev-1', 'dm-secret-1', notifySecret);
  await store.devices.create(makeDevice('dev-1', { credentials }));
  await store.close();
  for (const f of ['dmc.sqlite', 'dmc.sqlite-wal', 'dmc.sqlite-shm'])
    if (existsSync(path.join(dataDir, f))) chmodSync(path.join(dataDir, f), 0o644);
  return { key, notifySecret };
}

async function openNotifySecret(store: Store, key: Buffer): Promise<string> {
  const device = await store.devices.find('dev-1');
  return decryptSecret(key, device?.credentials.notifySecretEnc ?? '');
}

describe('the secret key on SQLite', () => {
  it('is made at first start as secret.key (0600) beside a private database, never inside it', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = await start(dataDir);
    expect(first.origin).toBe('created');
    await first.store.close();
    const file = path.join(dataDir, 'secret.key');
    expect(parseSecretKey(readFileSync(file, 'utf8'))).toEqual(first.key);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.join(dataDir, 'dmc.sqlite'))).toBe(0o600);
    const bytes = databaseBytes(dataDir);
    for (const form of ['base64', 'base64url', 'hex'] as const)
      expect(bytes.includes(first.key.toString(form))).toBe(false);
    expect(bytes.includes(first.key)).toBe(false);

    const again = await start(dataDir);
    expect(again).toMatchObject({ origin: 'file', key: first.key });
    await again.store.close();
  });

  it('comes from DMC_SECRET_KEY when set: no file is made, and another key is refused', async () => {
    const dataDir = tempDir();
    const key = randomBytes(32);
    const first = await start(dataDir, key);
    expect(first).toMatchObject({ origin: 'env', key });
    await first.store.close();
    expect(existsSync(path.join(dataDir, 'secret.key'))).toBe(false);

    await expect(start(dataDir, randomBytes(32))).rejects.toThrow(
      /DMC_SECRET_KEY is not the key this database's device secrets were sealed with/,
    );
    // Without the variable the key must be found somewhere: it is not made anew for sealed data.
    await expect(start(dataDir)).rejects.toThrow(/secret\.key is missing/);
    expect(existsSync(path.join(dataDir, 'secret.key'))).toBe(false);
  });

  it('refuses a secret.key that is not the database key, or not a key at all', async () => {
    const dataDir = tempDir();
    await (await start(dataDir)).store.close();
    const file = path.join(dataDir, 'secret.key');
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`);
    const wrong = start(dataDir);
    await expect(wrong).rejects.toThrow(SecretKeyError);
    await expect(start(dataDir)).rejects.toThrow(/is not the key this database's device secrets were sealed/);
    writeFileSync(file, 'not a key');
    await expect(start(dataDir)).rejects.toThrow(/does not hold a secret key \(32 bytes/);
  });

  it('moves the key of a database from before into secret.key, scrubbed from the database files', async () => {
    const dataDir = tempDir();
    const { key, notifySecret } = await legacyDatabase(dataDir);
    expect(databaseBytes(dataDir).includes(key.toString('base64url'))).toBe(true);

    const moved = await start(dataDir);
    expect(moved).toMatchObject({ origin: 'moved', key });
    expect(await moved.store.settings.get(LEGACY_KEY_SETTING)).toBeUndefined();
    expect(await openNotifySecret(moved.store, moved.key)).toBe(notifySecret);
    await moved.store.close();

    expect(parseSecretKey(readFileSync(path.join(dataDir, 'secret.key'), 'utf8'))).toEqual(key);
    expect(databaseBytes(dataDir).includes(key.toString('base64url'))).toBe(false);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'dmc.sqlite'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'secret.key'))).toBe(0o600);

    const again = await start(dataDir);
    expect(again).toMatchObject({ origin: 'file', key });
    expect(await openNotifySecret(again.store, again.key)).toBe(notifySecret);
    await again.store.close();
  });

  it('keeps the key of a database from before when DMC_SECRET_KEY names another one', async () => {
    const dataDir = tempDir();
    const { key } = await legacyDatabase(dataDir);
    await expect(start(dataDir, randomBytes(32))).rejects.toThrow(
      /DMC_SECRET_KEY is not the key this database was made with/,
    );
    const store = await openSqliteStore({ file: path.join(dataDir, 'dmc.sqlite') });
    expect(await store.settings.get(LEGACY_KEY_SETTING)).toBe(key.toString('base64url'));
    await store.close();

    const same = await start(dataDir, key);
    expect(same.origin).toBe('env');
    expect(await same.store.settings.get(LEGACY_KEY_SETTING)).toBeUndefined();
    await same.store.close();
  });
});

describe('the server process', () => {
  it('keeps its data private and refuses to start with a wrong key, saying why', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const env = { DMC_DATA_DIR: dataDir, DMC_ADMIN_PASSWORD: 'admin-password-1', DMC_LOG_LEVEL: 'warn' };
    const server = startInstance(await freePort(), env);
    instances.push(server);
    await server.whenReady();
    expect(mode(dataDir)).toBe(0o700);
    for (const f of ['dmc.sqlite', 'dmc.sqlite-wal', 'dmc.sqlite-shm', 'secret.key'])
      expect([f, mode(path.join(dataDir, f))]).toEqual([f, 0o600]);
    expect(mode(path.join(dataDir, 'artifacts'))).toBe(0o700);
    await server.stop();

    const wrong = startInstance(await freePort(), {
      ...env,
      DMC_SECRET_KEY: randomBytes(32).toString('base64'),
    });
    instances.push(wrong);
    await expect(wrong.whenReady()).rejects.toThrow(
      /DMC_SECRET_KEY is not the key this database's device secrets were sealed with/,
    );
    expect(wrong.child.exitCode).toBe(1);
  });
});
