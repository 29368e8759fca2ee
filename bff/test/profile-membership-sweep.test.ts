// The membership sweep on a real SQLite store: chunked, bounded wake-ups, counts announced only when
// something changed, disabled profiles left alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, makeDevice } from '../src/persistence/contract/fixtures';
import type { ProfileRow, Store } from '../src/persistence/ports';
import { openSqliteStore } from '../src/persistence/sqlite';
import { createMembershipSweep, NEW_MEMBER_REASON } from '../src/domain/profiles/membership-sweep';

function profile(id: string, query: string, enabled = true): ProfileRow {
  return {
    id,
    name: id,
    query,
    priority: 0,
    nodes: [{ uri: 'urn:x:y:z//A', value: '1' }],
    execs: [],
    enabled,
    driftRetries: 3,
    revision: 4,
    createdBy: 'olivia',
    createdAt: at(0),
    updatedAt: at(0),
  };
}

describe('membership sweep', () => {
  let store: Store;
  const woken: string[] = [];
  const announced: string[][] = [];
  beforeEach(async () => {
    store = await openSqliteStore({ file: ':memory:' });
    woken.length = 0;
    announced.length = 0;
    for (let i = 0; i < 7; i += 1)
      await store.devices.create(makeDevice(`d${i}`, { labels: i < 5 ? ['lab'] : [] }));
  });
  afterEach(async () => {
    await store.close();
  });

  const sweepOf = () =>
    createMembershipSweep(store, {
      clock: { now: () => at(9) },
      notifications: { wake: (devId) => Promise.resolve(void woken.push(devId)) },
      counts: { changed: (ids) => void announced.push([...ids]), settled: () => Promise.resolve() },
      onError: (err) => {
        throw err;
      },
      chunk: 3,
      maxWakes: 2,
    });

  it('adds every match in chunks, wakes a bounded few, and announces the counts', async () => {
    await store.profiles.create(profile('p', 'label = "lab"'));
    const sweep = sweepOf();
    expect(await sweep.sweepProfile('p')).toEqual({ added: 5, removed: 0, restarted: 0, woken: 2 });
    expect(woken).toEqual(['d0', 'd1']);
    expect(announced.length).toBeGreaterThan(0);
    const states = await store.profiles.states('p', { limit: 10 });
    expect(states.map((s) => [s.devId, s.status, s.reason, s.revision])).toEqual(
      ['d0', 'd1', 'd2', 'd3', 'd4'].map((d) => [d, 'pending', NEW_MEMBER_REASON, 4]),
    );

    // Nothing changed: nothing announced, nobody woken. A label taken away drops the device.
    announced.length = 0;
    expect(await sweep.sweepAll()).toEqual({ added: 0, removed: 0, restarted: 0, woken: 0 });
    expect(announced).toEqual([]);
    await store.devices.replaceLabels('d2', []);
    expect(await sweep.sweepAll()).toEqual({ added: 0, removed: 1, restarted: 0, woken: 0 });
    expect(announced).toEqual([['p']]);
  });

  it('leaves a disabled profile as it is, and kicks run in the background until idle', async () => {
    await store.profiles.create(profile('off', '', false));
    await store.profiles.create(profile('on', 'devId = "d6"'));
    const sweep = sweepOf();
    sweep.kick('off');
    sweep.kick('on');
    sweep.kick('on');
    await sweep.idle();
    expect(await store.profiles.states('off', { limit: 10 })).toEqual([]);
    expect((await store.profiles.states('on', { limit: 10 })).map((s) => s.devId)).toEqual(['d6']);
  });
});
