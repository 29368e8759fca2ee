// Profile enforcement on SQLite and on a real PostgreSQL (skipped when none answers, unless
// DMC_TEST_REQUIRE_PG=1): test/support/profile-enforcement-suite.ts.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPostgresStore, openSqliteStore } from '../src/persistence';
import { IS_REQUIRED, PG_BASE_URL, databaseUrl } from './support/cluster-support';
import { describeProfileEnforcement } from './support/profile-enforcement-suite';

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_BASE_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A database of its own (prefix h2_), or undefined when PostgreSQL does not answer and is not required. */
async function postgresDatabase(): Promise<string | undefined> {
  const name = `h2_enforce_${randomBytes(6).toString('hex')}`;
  try {
    await admin(`create database "${name}"`);
    return name;
  } catch (err) {
    if (IS_REQUIRED) throw err;
    return undefined;
  }
}

describeProfileEnforcement('sqlite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dmc-profiles-'));
  const store = await openSqliteStore({ file: path.join(dir, 'dmc.sqlite') });
  return {
    store,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const database = await postgresDatabase();
if (database !== undefined) {
  describeProfileEnforcement('postgres', async () => {
    const store = await openPostgresStore({ url: databaseUrl(database), poolSize: 4 });
    return {
      store,
      async close() {
        await store.close();
        await admin(`drop database if exists "${database}" with (force)`);
      },
    };
  });
}
