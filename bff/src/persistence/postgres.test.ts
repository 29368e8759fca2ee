// Runs every contract suite on a real PostgreSQL: one throwaway database per run, emptied
// between tests. Skipped when no server answers, unless DMC_TEST_REQUIRE_PG=1.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAllPersistenceContracts } from './contract';
import { makeAlert, makeDevice } from './contract/fixtures';
import type { Store } from './ports';
import { openPostgresStore } from './postgres';

const BASE_URL = process.env.DMC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const isRequired = process.env.DMC_TEST_REQUIRE_PG === '1';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function isReachable(): Promise<boolean> {
  try {
    await withClient(BASE_URL, (client) => client.query('select 1'));
    return true;
  } catch (error) {
    if (isRequired)
      throw new Error(`PostgreSQL at ${BASE_URL} is required but unreachable`, { cause: error });
    return false;
  }
}

function databaseUrl(name: string): string {
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function createDatabase(): Promise<string> {
  const name = `dmc_test_${randomBytes(6).toString('hex')}`;
  await withClient(BASE_URL, (client) => client.query(`create database "${name}"`));
  return name;
}

async function dropDatabase(name: string): Promise<void> {
  await withClient(BASE_URL, (client) => client.query(`drop database if exists "${name}" with (force)`));
}

/** Empties every application table (not the migration bookkeeping) and restarts sequences. */
async function truncateAll(url: string): Promise<void> {
  await withClient(url, async (client) => {
    const { rows } = await client.query<{ tablename: string }>(
      "select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely\\_%'",
    );
    if (rows.length === 0) return;
    const tables = rows.map((r) => `"${r.tablename}"`).join(', ');
    await client.query(`truncate ${tables} restart identity cascade`);
  });
}

const isAvailable = await isReachable();

describe.skipIf(!isAvailable)('postgres', () => {
  let database = '';
  let url = '';
  let shared: Store | undefined;

  beforeAll(async () => {
    database = await createDatabase();
    url = databaseUrl(database);
    shared = await openPostgresStore({ url, poolSize: 4 });
  });

  afterAll(async () => {
    await shared?.close();
    if (database !== '') await dropDatabase(database);
  });

  /** A fresh (emptied) view of the shared store; its close leaves the pool to afterAll. */
  async function openFresh(): Promise<Store> {
    if (shared === undefined) throw new Error('store not open');
    await truncateAll(url);
    return { ...shared, close: () => Promise.resolve() };
  }

  describeAllPersistenceContracts('postgres', openFresh);

  describe('openPostgresStore', () => {
    it('migrates once when two instances start at the same time', async () => {
      const name = await createDatabase();
      try {
        const stores = await Promise.all([
          openPostgresStore({ url: databaseUrl(name) }),
          openPostgresStore({ url: databaseUrl(name) }),
        ]);
        expect(await stores[0].devices.create(makeDevice('d1'))).toBe(true);
        expect(await stores[1].devices.find('d1')).toBeDefined();
        const applied = await withClient(databaseUrl(name), (client) =>
          client.query<{ name: string }>('select name from kysely_migration'),
        );
        expect(applied.rows.map((r) => r.name).sort()).toEqual([
          '0001-init',
          '0002-dr-and-nonces',
          '0003-artifacts',
          '0004-pages',
          '0005-notifications',
          '0006-operations',
          '0007-alert-acks',
          '0008-leases',
          '0009-tree-value-index',
          '0010-metadata-documents',
          '0011-device-text-search',
          '0012-device-search-text',
          '0013-command-deliveries',
          '0014-device-refusals',
          '0015-push-outcomes',
          '0016-auth-failures',
          '0017-audit-log',
          '0018-user-admin',
          '0019-sessions-and-api-tokens',
          '0020-safe-firmware',
          '0021-fleet-command-list',
          '0022-campaigns',
          '0023-session-packages',
          '0024-tree-history',
          '0025-calm-alerts',
          '0026-saved-views',
          '0027-tree-value-numbers',
          '0028-profiles',
        ]);
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await dropDatabase(name);
      }
    });

    it('runs a transaction again when PostgreSQL picks it as a deadlock victim: both commit', async () => {
      const store = await openFresh();
      await store.devices.create(makeDevice('d1'));
      await store.devices.create(makeDevice('d2'));
      // Each first run takes one device row, waits until the other took its row, then wants that one.
      const barrier = () => {
        let open = (): void => undefined;
        const opened = new Promise<void>((resolve) => (open = resolve));
        return { open, opened };
      };
      const holds = { d1: barrier(), d2: barrier() };
      const runs: string[] = [];
      const crossing = (first: 'd1' | 'd2', second: 'd1' | 'd2') =>
        store.transaction(async (repos) => {
          runs.push(first);
          await repos.devices.lock(first);
          holds[first].open();
          await holds[second].opened;
          await repos.devices.lock(second);
          await repos.devices.touch(first, new Date(1_000));
          return first;
        });
      await expect(Promise.all([crossing('d1', 'd2'), crossing('d2', 'd1')])).resolves.toEqual(['d1', 'd2']);
      // Three runs: the victim ran twice.
      expect(runs).toHaveLength(3);
    });

    it('keeps one open alert row when two instances store the same alert in open transactions', async () => {
      const name = await createDatabase();
      try {
        const stores = await Promise.all([
          openPostgresStore({ url: databaseUrl(name), poolSize: 3 }),
          openPostgresStore({ url: databaseUrl(name), poolSize: 3 }),
        ]);
        await stores[0].devices.create(makeDevice('d1'));
        // Every transaction has begun (and read) before any inserts: the inserts truly race.
        const runs = 6;
        let begun = 0;
        let release = (): void => undefined;
        const allBegun = new Promise<void>((resolve) => (release = resolve));
        const store = (i: number) =>
          stores[i % 2]!.transaction(async (repos) => {
            await repos.devices.find('d1');
            if (++begun === runs) release();
            await allBegun;
            return repos.alerts.insert([
              makeAlert(`race-${i}`, 'd1', {
                mark: 'critical',
                sourceUri: './S',
                receivedAt: new Date(1_000 + i),
              }),
            ]);
          });
        const results = await Promise.all(Array.from({ length: runs }, (_, i) => store(i)));
        expect(results.flat().filter((r) => !r.coalesced)).toHaveLength(1);
        const open = await stores[1].alerts.list({ open: true, limit: 10 });
        expect(open).toHaveLength(1);
        expect(open[0]).toMatchObject({ count: runs, firstAt: new Date(1_000), receivedAt: new Date(1_005) });
        // Acknowledged, the next identical alert opens a new row.
        await stores[0].alerts.acknowledge([open[0]!.id], 'ann', new Date(2_000));
        const [next] = await stores[1].alerts.insert([
          makeAlert('race-next', 'd1', { mark: 'critical', sourceUri: './S', receivedAt: new Date(3_000) }),
        ]);
        expect(next).toMatchObject({ coalesced: false, row: { id: 'race-next', count: 1 } });
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await dropDatabase(name);
      }
    });

    it('fails with a clear error when the database does not exist', async () => {
      await expect(
        openPostgresStore({ url: databaseUrl(`dmc_missing_${randomBytes(4).toString('hex')}`) }),
      ).rejects.toThrow(/migration/);
    });
  });
});
