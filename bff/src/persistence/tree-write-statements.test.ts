// Tree writes are linear (ARCHITECTURE.md): the statements one write runs grow with the number of
// batches, never with the number of nodes or instances. Counted on SQLite and on a real PostgreSQL
// (skipped when none answers, unless DMC_TEST_REQUIRE_PG=1).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDevice, makeNode } from './contract/fixtures';
import { NODE_BATCH } from './kysely/tree-repository';
import type { Store } from './ports';
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

type Opened = { store: Store; statements: string[] };

function describeStatements(engine: string, open: (onQuery: (sql: string) => void) => Promise<Store>) {
  describe(`${engine}: statements per tree write`, () => {
    let opened: Opened | undefined;
    const ready = async (): Promise<Opened> => {
      if (opened) return opened;
      const statements: string[] = [];
      // Transaction control (PostgreSQL's driver logs it) is not the write's work.
      const record = (sql: string) => {
        if (!/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(sql)) statements.push(sql);
      };
      opened = { store: await open(record), statements };
      return opened;
    };
    afterAll(async () => {
      await opened?.store.close();
    });

    /** The statements `work` runs. */
    async function counted(work: (store: Store) => Promise<unknown>): Promise<number> {
      const { store, statements } = await ready();
      const before = statements.length;
      await work(store);
      return statements.length - before;
    }

    const nodes = (count: number, value = 'v') =>
      Array.from({ length: count }, (_, i) => makeNode(`Deployed/C${i}`, `${value}${i}`));

    it('grow with the batches of a write, not with its nodes', async () => {
      const { store } = await ready();
      for (const [i, count] of [1, 20, 500, NODE_BATCH * 3 + 1].entries()) {
        const devId = `count-${i}`;
        await store.devices.create(makeDevice(devId));
        const batches = Math.ceil(count / NODE_BATCH);
        // A read, a write and its history per batch, and the count of stored nodes for the limit.
        const inserted = await counted((s) =>
          s.tree.upsertNodes(devId, nodes(count), { maxStoredNodes: 100_000 }),
        );
        expect(inserted, `${count} new nodes`).toBeLessThanOrEqual(3 * batches + 1);
        const updated = await counted((s) => s.tree.upsertNodes(devId, nodes(count, 'w')));
        expect(updated, `${count} updated nodes`).toBeLessThanOrEqual(3 * batches);
        // An unchanged re-report writes no history: a read and a write per batch.
        const same = await counted((s) => s.tree.upsertNodes(devId, nodes(count, 'w')));
        expect(same, `${count} unchanged nodes`).toBeLessThanOrEqual(2 * batches);
        expect(await store.tree.countNodes(devId)).toBe(count);
        // Every node added and every value changed is in the history, and nothing more.
        expect(await store.treeHistory.count(devId)).toBe(2 * count);
      }
    });

    it('delete a subtree of any size with one history statement per batch', async () => {
      const { store } = await ready();
      await store.devices.create(makeDevice('deleting'));
      const count = NODE_BATCH * 2 + 5;
      await store.tree.upsertNodes('deleting', nodes(count));
      const deleting = await counted((s) =>
        s.tree.deleteSubtree('deleting', 'urn:oma:mo:oma-dm-devinfo:1.0', '1', 'Deployed'),
      );
      expect(deleting).toBeLessThanOrEqual(1 + Math.ceil(count / NODE_BATCH));
      expect(await store.tree.countNodes('deleting')).toBe(0);
      expect(await store.treeHistory.count('deleting')).toBe(2 * count);
    });

    it('drop any number of instances in a constant number of statements', async () => {
      const { store } = await ready();
      await store.devices.create(makeDevice('instances'));
      const moid = 'urn:oma:mo:oma-scomo:1.0';
      const many = Array.from({ length: 200 }, (_, i) => ({ moid, miid: `m${i}`, ddf: null }));
      await store.tree.replaceInstances('instances', many);
      await store.tree.upsertNodes(
        'instances',
        many.map((i) => makeNode('A', '1', { moid, miid: i.miid })),
      );
      const dropping = await counted((s) => s.tree.replaceInstances('instances', many.slice(0, 1)));
      // The read, the two deletes and one history insert for the nodes that went.
      expect(dropping).toBeLessThanOrEqual(5);
      expect(await store.treeHistory.count('instances')).toBe(200 + 199);
      expect(await store.tree.countNodes('instances')).toBe(1);
      expect(await store.tree.listInstances('instances')).toEqual(many.slice(0, 1));
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
