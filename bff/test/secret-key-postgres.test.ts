// Secrets at rest on PostgreSQL (protocol §12): several instances share one database, so the key
// comes from DMC_SECRET_KEY on every instance (the start fails without it), a database from before
// gives its key up once DMC_SECRET_KEY names it, and an instance with another key is refused.
// Skipped without PostgreSQL and Redis unless DMC_TEST_REQUIRE_PG=1.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret, deriveDeviceCredentials } from '../src/domain/auth/device-secrets';
import { openPostgresStore } from '../src/persistence';
import { makeDevice } from '../src/persistence/contract/fixtures';
import { LEGACY_KEY_SETTING, openSecretKey } from '../src/secrets/secret-key';
import {
  clusterServicesAvailable,
  createDatabase,
  databaseUrl,
  dropDatabase,
  freePort,
  query,
  startInstance,
} from './support/cluster-support';

const isAvailable = await clusterServicesAvailable();

describe.skipIf(!isAvailable)('the secret key on PostgreSQL', () => {
  let database = '';
  let dataDir = '';
  const key = randomBytes(32);

  beforeAll(async () => {
    database = await createDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'dmc-secret-pg-'));
    // A database as the versions before kept it: the key in settings, a secret sealed under it.
    const store = await openPostgresStore({ url: databaseUrl(database) });
    await store.settings.putIfAbsent(LEGACY_KEY_SETTING, key.toString('base64url'));
    const credentials = deriveDeviceCredentials(key, 'dev-1', 'dm-secret-1', 'notify-1');
    await store.devices.create(makeDevice('dev-1', { credentials }));
    await store.close();
  });
  afterAll(async () => {
    if (database !== '') await dropDatabase(database);
    if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(configured: Buffer | undefined) {
    const store = await openPostgresStore({ url: databaseUrl(database) });
    try {
      return { store, ...(await openSecretKey({ store, dataDir, configured })) };
    } catch (err) {
      await store.close();
      throw err;
    }
  }

  const legacyRows = () =>
    query<{ value: string }>(database, `select value from settings where key = '${LEGACY_KEY_SETTING}'`);

  it('moves a database from before to DMC_SECRET_KEY; every instance must bring the same key', async () => {
    await expect(open(undefined)).rejects.toThrow(/DMC_SECRET_KEY must be set with PostgreSQL/);
    await expect(open(randomBytes(32))).rejects.toThrow(/not the key this database was made with/);
    expect(await legacyRows()).toHaveLength(1);

    const [a, b] = await Promise.all([open(key), open(key)]);
    expect(await legacyRows()).toHaveLength(0);
    const device = await b.store.devices.find('dev-1');
    expect(decryptSecret(b.key, device?.credentials.notifySecretEnc ?? '')).toBe('notify-1');
    await Promise.all([a.store.close(), b.store.close()]);

    await expect(open(randomBytes(32))).rejects.toThrow(
      /DMC_SECRET_KEY is not the key this database's device secrets were sealed with/,
    );
    await (await open(key)).store.close();
  });

  it('stops a server started on PostgreSQL without DMC_SECRET_KEY, saying what to set', async () => {
    const server = startInstance(await freePort(), {
      DMC_DATA_DIR: dataDir,
      DMC_DATABASE_URL: databaseUrl(database),
    });
    await expect(server.whenReady()).rejects.toThrow(/DMC_SECRET_KEY must be set with DMC_DATABASE_URL/);
    expect(server.child.exitCode).toBe(1);
  });
});
