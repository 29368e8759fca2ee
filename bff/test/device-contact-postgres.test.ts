// DeviceRepository.contact on PostgreSQL (ARCHITECTURE.md, invariant 33): a package that waited for
// the device row lock reads what the package holding it committed, not the tables as they were when
// it began to wait (READ COMMITTED). Skipped when PostgreSQL does not answer, unless
// DMC_TEST_REQUIRE_PG=1.
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/persistence';
import { at, makeCommand, makeDevice, makeSession } from '../src/persistence/contract/fixtures';
import { IS_REQUIRED, createDatabase, databaseUrl, dropDatabase, query } from './support/cluster-support';

async function postgresAvailable(): Promise<string | undefined> {
  try {
    return await createDatabase();
  } catch (err) {
    if (IS_REQUIRED) throw err;
    return undefined;
  }
}

const database = await postgresAvailable();
const LIMIT = { queuedLimit: 20 };

describe.skipIf(database === undefined)('contact on PostgreSQL', () => {
  afterAll(async () => {
    if (database !== undefined) await dropDatabase(database);
  });

  it('reads, after waiting for the device lock, what the lock holder committed', async () => {
    const name = database ?? '';
    const store = await openPostgresStore({ url: databaseUrl(name), poolSize: 4 });
    try {
      await store.devices.create(makeDevice('d1'));
      await store.sessions.create(makeSession('s1', 'd1', { version: 1 }));
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding = () => {};
      const held = new Promise<void>((resolve) => (holding = resolve));
      const holder = store.transaction(async (repos) => {
        await repos.devices.contact('d1', at(1), LIMIT);
        holding();
        await released;
        // What the holder commits: a command queued, the session moved on, a notification waiting.
        await repos.commands.enqueue(makeCommand('late', 'd1'));
        expect(await repos.sessions.update(makeSession('s1', 'd1', { version: 2 }))).toBe(true);
      });
      await held;
      const waiter = store.transaction((repos) =>
        repos.devices.contact('d1', at(2), { ...LIMIT, sessionId: 's1' }),
      );
      // The waiter's statement is blocked on the device row before the holder goes on.
      await expect
        .poll(async () => {
          const rows = await query<{ n: string }>(
            name,
            `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
          );
          return Number(rows[0]?.n ?? 0);
        })
        .toBe(1);
      release();
      await holder;
      const seen = await waiter;
      expect(seen?.queued.map((c) => c.id)).toEqual(['late']);
      expect(seen?.sessionVersion).toBe(2);
    } finally {
      await store.close();
    }
  });
});
