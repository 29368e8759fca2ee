// `npm run rotate-secret-key` (protocol §12): every secret sealed anew in one transaction, on SQLite
// with secret.key and on PostgreSQL with DMC_SECRET_KEY; an interrupted rotation is finished at the
// next start. PostgreSQL parts are skipped without it unless DMC_TEST_REQUIRE_PG=1.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptSecret, deriveDeviceCredentials, verifyBasicSecret } from '../src/domain/auth/device-secrets';
import { openPostgresStore, openSqliteStore } from '../src/persistence';
import { makeDevice } from '../src/persistence/contract/fixtures';
import type { Store } from '../src/persistence/ports';
import { runRotation } from '../src/secrets/rotate-command';
import { rotateSecretKey } from '../src/secrets/rotation';
import { openSecretKey, pendingKeyFile, writeKeyFile } from '../src/secrets/secret-key';
import { parseSecretKey } from '../src/secrets/secret-key-format';
import {
  clusterServicesAvailable,
  createDatabase,
  databaseUrl,
  dropDatabase,
} from './support/cluster-support';

const isPgAvailable = await clusterServicesAvailable();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dmc-rotate-'));
  dirs.push(dir);
  return dir;
}

/** dev-1 uses its DM secret for notifications (the default); dev-2 has a notification secret of its own. */
async function addDevices(store: Store, key: Buffer): Promise<void> {
  await store.devices.create(
    makeDevice('dev-1', { credentials: deriveDeviceCredentials(key, 'dev-1', 'dm-1', undefined) }),
  );
  await store.devices.create(
    makeDevice('dev-2', { credentials: deriveDeviceCredentials(key, 'dev-2', 'dm-2', 'notify-2') }),
  );
}

async function credentialsOf(store: Store, devId: string) {
  const device = await store.devices.find(devId);
  if (!device) throw new Error(`${devId} is gone`);
  return device.credentials;
}

async function expectSealedUnder(store: Store, key: Buffer): Promise<void> {
  const one = await credentialsOf(store, 'dev-1');
  const two = await credentialsOf(store, 'dev-2');
  expect(decryptSecret(key, one.notifySecretEnc ?? '')).toBe('dm-1');
  expect(verifyBasicSecret(key, 'dm-1', one.basicVerifier)).toBe(true);
  expect(decryptSecret(key, two.notifySecretEnc ?? '')).toBe('notify-2');
}

const sqliteFile = (dataDir: string) => path.join(dataDir, 'dmc.sqlite');
const keyFileOf = (dataDir: string) => path.join(dataDir, 'secret.key');

async function sqliteWithDevices(dataDir: string): Promise<Buffer> {
  const store = await openSqliteStore({ file: sqliteFile(dataDir) });
  const { key } = await openSecretKey({ store, dataDir, configured: undefined });
  await addDevices(store, key);
  await store.close();
  return key;
}

describe('rotating the secret key on SQLite', () => {
  it('refuses to drop Basic verifiers it cannot derive anew, unless told, then seals all anew', async () => {
    const dataDir = tempDir();
    const oldKey = await sqliteWithDevices(dataDir);
    const env = { DMC_DATA_DIR: dataDir };

    await expect(runRotation({ DMC_DATA_DIR: path.join(dataDir, 'none') }, [])).rejects.toThrow(
      /There is no database/,
    );
    await expect(runRotation(env, [])).rejects.toThrow(/1 device\(s\) .*\(e\.g\. dev-2\)/);
    expect(parseSecretKey(readFileSync(keyFileOf(dataDir), 'utf8'))).toEqual(oldKey);
    expect(existsSync(pendingKeyFile(keyFileOf(dataDir)))).toBe(false);

    const { report, lines } = await runRotation(env, ['--allow-basic-loss']);
    expect(report).toEqual({ resealed: 2, basicRederived: 1, basicLost: ['dev-2'] });
    expect(lines.join('\n')).toMatch(/secret\.key now holds the new key: back it up/);
    const newKey = parseSecretKey(readFileSync(keyFileOf(dataDir), 'utf8'));
    expect(newKey).toBeDefined();
    expect(newKey?.equals(oldKey)).toBe(false);

    const store = await openSqliteStore({ file: sqliteFile(dataDir) });
    const opened = await openSecretKey({ store, dataDir, configured: undefined });
    expect(opened.key).toEqual(newKey);
    await expectSealedUnder(store, opened.key);
    expect(verifyBasicSecret(opened.key, 'dm-2', (await credentialsOf(store, 'dev-2')).basicVerifier)).toBe(
      false,
    );
    await expect(openSecretKey({ store, dataDir, configured: oldKey })).rejects.toThrow(/is not the key/);
    await store.close();
  });

  it('finishes a rotation that stopped after its transaction, at the next start', async () => {
    const dataDir = tempDir();
    const oldKey = await sqliteWithDevices(dataDir);
    const newKey = randomBytes(32);
    const store = await openSqliteStore({ file: sqliteFile(dataDir) });
    await writeKeyFile(pendingKeyFile(keyFileOf(dataDir)), newKey);
    await rotateSecretKey(store, oldKey, newKey, { allowBasicLoss: true });

    const opened = await openSecretKey({ store, dataDir, configured: undefined });
    expect(opened).toMatchObject({ origin: 'file', key: newKey });
    expect(parseSecretKey(readFileSync(keyFileOf(dataDir), 'utf8'))).toEqual(newKey);
    expect(existsSync(pendingKeyFile(keyFileOf(dataDir)))).toBe(false);
    await expectSealedUnder(store, newKey);
    await store.close();
  });
});

describe.skipIf(!isPgAvailable)('rotating the secret key on PostgreSQL', () => {
  let database = '';
  afterEach(async () => {
    if (database !== '') await dropDatabase(database);
    database = '';
  });

  it('takes the new key from DMC_NEW_SECRET_KEY and seals every secret under it', async () => {
    database = await createDatabase();
    const dataDir = tempDir();
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const store = await openPostgresStore({ url: databaseUrl(database) });
    await openSecretKey({ store, dataDir, configured: oldKey });
    await addDevices(store, oldKey);
    await store.close();
    const env = {
      DMC_DATA_DIR: dataDir,
      DMC_DATABASE_URL: databaseUrl(database),
      DMC_SECRET_KEY: oldKey.toString('base64'),
    };

    await expect(runRotation(env, ['--allow-basic-loss'])).rejects.toThrow(/DMC_NEW_SECRET_KEY must be set/);
    const { lines } = await runRotation({ ...env, DMC_NEW_SECRET_KEY: newKey.toString('hex') }, [
      '--allow-basic-loss',
    ]);
    expect(lines.join('\n')).toMatch(/set DMC_SECRET_KEY to the value of DMC_NEW_SECRET_KEY/);

    const after = await openPostgresStore({ url: databaseUrl(database) });
    try {
      await expect(openSecretKey({ store: after, dataDir, configured: oldKey })).rejects.toThrow(
        /DMC_SECRET_KEY is not the key/,
      );
      await openSecretKey({ store: after, dataDir, configured: newKey });
      await expectSealedUnder(after, newKey);
    } finally {
      await after.close();
    }
  });
});
