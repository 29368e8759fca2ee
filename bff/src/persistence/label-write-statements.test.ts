// Label writes are linear (protocol §8, "Device labels"): a change over many devices runs a fixed
// number of statements per batch of LABEL_BATCH devices, never one per device or per label. Counted
// on SQLite and on a real PostgreSQL (skipped when none answers, unless DMC_TEST_REQUIRE_PG=1).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDevice } from './contract/fixtures';
import { LABEL_BATCH, type Store } from './ports';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';

const BASE_URL = process.env.DMC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const isRequired = process.env.DMC_TEST_REQUIRE_PG === '1';

async function admin(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const pgAvailable = await admin(BASE_URL, 'select 1').then(
  () => true,
  (error: unknown) => {
    if (isRequired) throw new Error(`PostgreSQL at ${BASE_URL} is required`, { cause: error });
    return false;
  },
);

/** Statements per batch: lock and count, delete, insert, rewrite the JSON copy. */
const PER_BATCH = 4;

function describeStatements(engine: string, open: (onQuery: (sql: string) => void) => Promise<Store>) {
  describe(`${engine}: statements per label change`, () => {
    let store: Store | undefined;
    const statements: string[] = [];
    afterAll(async () => {
      await store?.close();
    });

    it('grow with the batches of a change, not with its devices or labels', async () => {
      store = await open((sql) => {
        // Transaction control (PostgreSQL's driver logs it) is not the change's work.
        if (!/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(sql)) statements.push(sql);
      });
      const devIds = Array.from({ length: LABEL_BATCH * 2 + 1 }, (_, i) => `s-${String(i).padStart(5, '0')}`);
      await store.transaction(async (repos) => {
        for (const devId of devIds) await repos.devices.create(makeDevice(devId, { labels: ['a'] }));
      });
      const labels = Array.from({ length: 10 }, (_, i) => `label-${i}`);
      for (const count of [1, 50, devIds.length]) {
        const before = statements.length;
        const result = await store.devices.changeLabels(devIds.slice(0, count), {
          add: labels,
          remove: ['a'],
        });
        expect(result.applied).toHaveLength(count);
        const batches = Math.ceil(count / LABEL_BATCH);
        expect(statements.length - before, `${count} devices`).toBe(PER_BATCH * batches);
      }
      expect((await store.devices.find(devIds.at(-1) ?? ''))?.labels).toEqual(labels);
    });
  });
}

describeStatements('sqlite', (onQuery) => openSqliteStore({ file: ':memory:', onQuery }));

describe.skipIf(!pgAvailable)('postgres', () => {
  const database = `dmc_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(BASE_URL);
  url.pathname = `/${database}`;
  afterAll(async () => {
    await admin(BASE_URL, `drop database if exists "${database}" with (force)`);
  });
  describeStatements('postgres', async (onQuery) => {
    await admin(BASE_URL, `create database "${database}"`);
    return openPostgresStore({ url: url.toString(), poolSize: 2, onQuery });
  });
});
