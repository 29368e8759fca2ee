// `npm run rotate-secret-key [-- --allow-basic-loss]`, with every server on the database stopped:
// seals the device secrets under a new key in one transaction (protocol §12). The current key is
// found as the server finds it. With DMC_SECRET_KEY, the new key is DMC_NEW_SECRET_KEY (required, so
// it is kept before anything changes); with secret.key, it is DMC_NEW_SECRET_KEY or a new random key,
// written to secret.key.new first and renamed over secret.key once the transaction has committed.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config';
import { openPostgresStore, openSqliteStore } from '../persistence';
import { secureDataDir } from './data-dir';
import { rotateSecretKey, type RotationReport } from './rotation';
import {
  SECRET_KEY_FILE,
  SecretKeyError,
  openSecretKey,
  pendingKeyFile,
  syncDir,
  writeKeyFile,
} from './secret-key';
import { SECRET_KEY_BYTES, SECRET_KEY_FORMAT, parseSecretKey } from './secret-key-format';

export const ROTATE_USAGE = 'usage: npm run rotate-secret-key [-- --allow-basic-loss]';

function newKeyFrom(env: Record<string, string | undefined>, isFromEnv: boolean): Buffer {
  const text = env.DMC_NEW_SECRET_KEY;
  if (text === undefined || text === '') {
    if (isFromEnv)
      throw new SecretKeyError(
        'DMC_NEW_SECRET_KEY must be set when the key comes from DMC_SECRET_KEY ' +
          '(e.g. `openssl rand -base64 32`); keep it safe before rotating.',
      );
    return randomBytes(SECRET_KEY_BYTES);
  }
  const key = parseSecretKey(text);
  if (key === undefined) throw new SecretKeyError(`DMC_NEW_SECRET_KEY must be ${SECRET_KEY_FORMAT}.`);
  return key;
}

/** Runs the rotation for the DMC_* environment; returns what it did, as lines for the operator. */
export async function runRotation(
  env: Record<string, string | undefined>,
  argv: readonly string[],
): Promise<{ report: RotationReport; lines: string[] }> {
  const unknown = argv.filter((a) => a !== '--allow-basic-loss');
  if (unknown.length > 0) throw new SecretKeyError(`unknown argument ${unknown[0]}\n${ROTATE_USAGE}`);
  const config = loadConfig(env);
  const isFromEnv = config.secretKey !== undefined;
  const newKey = newKeyFrom(env, isFromEnv);
  const databaseFile = path.join(config.dataDir, 'dmc.sqlite');
  if (!config.databaseUrl && !existsSync(databaseFile))
    throw new SecretKeyError(`There is no database at ${databaseFile}: nothing to rotate.`);
  await secureDataDir(config.dataDir);
  const store = config.databaseUrl
    ? await openPostgresStore({ url: config.databaseUrl, poolSize: 2 })
    : await openSqliteStore({ file: databaseFile });
  try {
    const { key: oldKey } = await openSecretKey({
      store,
      dataDir: config.dataDir,
      configured: config.secretKey,
    });
    if (oldKey.equals(newKey)) throw new SecretKeyError('The new key is the current key.');
    const options = { allowBasicLoss: argv.includes('--allow-basic-loss') };
    const file = path.join(config.dataDir, SECRET_KEY_FILE);
    if (!isFromEnv) await writeKeyFile(pendingKeyFile(file), newKey);
    const report = await rotateSecretKey(store, oldKey, newKey, options).catch(async (err: unknown) => {
      if (!isFromEnv) await rm(pendingKeyFile(file), { force: true });
      throw err;
    });
    if (!isFromEnv) {
      await rename(pendingKeyFile(file), file);
      await syncDir(config.dataDir);
    }
    const lines = [
      `Sealed ${report.resealed} notification secret(s) under the new key; ` +
        `${report.basicRederived} Basic verifier(s) follow it.`,
      ...(report.basicLost.length > 0
        ? [`${report.basicLost.length} device(s) now need a new DM secret for Basic (Digest still works).`]
        : []),
      isFromEnv
        ? 'Now set DMC_SECRET_KEY to the value of DMC_NEW_SECRET_KEY on every instance, then start them.'
        : `${file} now holds the new key: back it up; the old key opens nothing any more.`,
    ];
    return { report, lines };
  } finally {
    await store.close();
  }
}
