// Two instances' background work on one database: one runs each lease task; a released or lapsed
// lease moves the task to the other; an `everywhere` task runs on both, keyed work split between them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../persistence';
import type { Store } from '../../persistence/ports';
import { systemClock } from '../ports';
import { startBackgroundWork, type BackgroundWork } from './background-work';

describe('startBackgroundWork', () => {
  let store: Store;
  const runs: string[] = [];
  let firstRunAt = 0;
  const started: BackgroundWork[] = [];

  const start = (holder: string, ttlMs = 10_000) => {
    const work = startBackgroundWork({
      leases: store.leases,
      holder,
      ttlMs,
      clock: systemClock,
      tasks: [
        {
          name: 'sweep',
          intervalMs: 10,
          run: () => {
            firstRunAt ||= Date.now();
            return Promise.resolve(runs.push(holder));
          },
        },
      ],
      onError: (_task, err) => {
        throw err;
      },
    });
    started.push(work);
    return work;
  };

  beforeEach(async () => {
    store = await openSqliteStore({ file: ':memory:' });
    runs.length = 0;
    firstRunAt = 0;
  });
  afterEach(async () => {
    for (const w of started.splice(0)) await w.stop();
    await store.close();
  });

  it('runs a task on one instance only, and hands it over when that instance stops', async () => {
    const a = start('a');
    await expect.poll(() => runs.length).toBeGreaterThan(3);
    const b = start('b');
    const before = runs.length;
    await expect.poll(() => runs.length).toBeGreaterThan(before + 5);
    expect(new Set(runs)).toEqual(new Set(['a']));
    expect(a.held()).toEqual(['sweep']);
    expect(b.held()).toEqual([]);

    await a.stop();
    expect((await store.leases.find('sweep'))?.holder ?? 'b').toBe('b');
    await expect.poll(() => runs.at(-1)).toBe('b');
    expect(b.held()).toEqual(['sweep']);
  });

  it('takes over the lease of an instance that died once it lapses', async () => {
    // A dead instance: it holds the lease but never renews or releases it.
    const lapsesAt = Date.now() + 300;
    await store.leases.acquire('sweep', 'dead', new Date(lapsesAt - 300), 300);
    start('b', 300);
    await expect.poll(() => runs.length, { timeout: 3_000 }).toBeGreaterThan(0);
    // Not before the dead instance's lease lapsed.
    expect(firstRunAt).toBeGreaterThanOrEqual(lapsesAt);
    expect((await store.leases.find('sweep'))?.holder).toBe('b');
  });

  it('runs an everywhere task on every instance, each owning its share of the keys', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `campaign-${i}`);
    const ran = new Map<string, Set<string>>();
    const startEverywhere = (holder: string) => {
      const work = startBackgroundWork({
        leases: store.leases,
        holder,
        ttlMs: 10_000,
        clock: systemClock,
        tasks: [
          {
            name: 'claim',
            intervalMs: 10,
            placement: 'everywhere',
            run: ({ owns }) => {
              for (const key of keys) if (owns(key)) ran.set(key, (ran.get(key) ?? new Set()).add(holder));
              return Promise.resolve();
            },
          },
        ],
        onError: (_task, err) => {
          throw err;
        },
      });
      started.push(work);
      return work;
    };
    const a = startEverywhere('a');
    const b = startEverywhere('b');
    // Each keeper reads the leases table once a second, so the first one sees the second a second later.
    await expect
      .poll(() => [a.instances(), b.instances()], { timeout: 10_000 })
      .toEqual([
        ['a', 'b'],
        ['a', 'b'],
      ]);
    ran.clear();
    await expect.poll(() => ran.size, { timeout: 10_000 }).toBe(keys.length);
    // Both ran, neither holds a lease for it, and each key went to one of them.
    const owners = new Set([...ran.values()].flatMap((holders) => [...holders]));
    expect(owners).toEqual(new Set(['a', 'b']));
    for (const holders of ran.values()) expect(holders.size).toBe(1);
    expect(a.held()).toEqual([]);
    expect(await store.leases.find('claim')).toBeUndefined();
  });
});
