// Several lease keepers on one leases table (SQLite), ticked by hand under a clock the test moves:
// the leases spread to a fair share each, a dead instance's leases move once they lapse, a graceful
// stop hands them over at once, and a lease given up waits for its run in progress.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../persistence';
import type { Store } from '../../persistence/ports';
import { createLeaseKeeper, type LeaseKeeper } from './lease-keeper';

const TTL = 15_000;
const TASKS = ['t1', 't2', 't3', 't4', 't5'];

describe('createLeaseKeeper', () => {
  let store: Store;
  let nowMs = Date.UTC(2026, 0, 1);
  const clock = { now: () => new Date(nowMs) };
  const idle = new Map<string, Promise<void>>();

  const keeper = (holder: string): LeaseKeeper =>
    createLeaseKeeper({
      leases: store.leases,
      holder,
      ttlMs: TTL,
      clock,
      tasks: TASKS,
      whenIdle: (task) => idle.get(task) ?? Promise.resolve(),
      onError: (err) => {
        throw err;
      },
    });
  /** Ticks each keeper in turn, `rounds` times, each one's releases done before the next ticks. */
  const settle = async (keepers: LeaseKeeper[], rounds = 3) => {
    for (let i = 0; i < rounds; i += 1) {
      for (const k of keepers) {
        await k.tick();
        await k.released();
      }
    }
  };
  const heldBy = async () => {
    const rows = await store.leases.list();
    const map: Record<string, string[]> = {};
    for (const r of rows) if (TASKS.includes(r.name)) (map[r.holder] ??= []).push(r.name);
    return map;
  };

  beforeEach(async () => {
    store = await openSqliteStore({ file: ':memory:' });
    idle.clear();
  });
  afterEach(() => store.close());

  it('spreads the leases to a fair share per live instance', async () => {
    const [a, b, c] = [keeper('a'), keeper('b'), keeper('c')];
    await a.tick();
    expect(a.held()).toEqual(TASKS);
    expect(a.live()).toEqual(['a']);

    await b.tick();
    expect(b.held()).toEqual([]);
    await a.tick();
    await a.released();
    expect(a.held()).toHaveLength(3);
    await b.tick();
    expect(b.held()).toHaveLength(2);
    expect([...a.held(), ...b.held()].sort()).toEqual(TASKS);
    expect(await heldBy()).toEqual({ a: a.held(), b: b.held() });

    // A third instance: shares of two at most, every task still held once.
    await settle([c, a, b, c]);
    for (const k of [a, b, c]) {
      expect(k.live()).toEqual(['a', 'b', 'c']);
      expect(k.held().length).toBeGreaterThanOrEqual(1);
      expect(k.held().length).toBeLessThanOrEqual(2);
    }
    expect([...a.held(), ...b.held(), ...c.held()].sort()).toEqual(TASKS);
    // Settled: more ticks move nothing.
    const before = await heldBy();
    nowMs += 1_000;
    await settle([a, b, c]);
    expect(await heldBy()).toEqual(before);
  });

  it("takes over a dead instance's leases once they lapse, not before", async () => {
    const [a, b] = [keeper('a'), keeper('b')];
    await settle([a, b]);
    const bTasks = b.held();
    expect(bTasks.length).toBeGreaterThan(0);
    // b dies: no more ticks. a keeps ticking (and renewing) every second.
    const diedAt = nowMs;
    while (nowMs < diedAt + TTL - 1_000) {
      nowMs += 1_000;
      await a.tick();
      expect(a.held()).not.toEqual(expect.arrayContaining([bTasks[0]]));
    }
    nowMs = diedAt + TTL;
    await a.tick();
    expect(a.live()).toEqual(['a']);
    expect(a.held()).toEqual(TASKS);
    for (const task of TASKS) expect(a.mayRun(task)).toBe(true);
    // A ttl later its heartbeat row goes too.
    expect((await store.leases.list()).map((r) => r.name)).toContain('instance:b');
    nowMs = diedAt + 2 * TTL;
    await a.tick();
    expect((await store.leases.list()).map((r) => r.name)).not.toContain('instance:b');
  });

  it('hands its leases over at once on a graceful stop', async () => {
    const [a, b] = [keeper('a'), keeper('b')];
    await settle([a, b]);
    await a.releaseAll();
    expect(a.held()).toEqual([]);
    expect((await store.leases.list()).some((r) => r.holder === 'a')).toBe(false);
    nowMs += 10;
    await b.tick();
    expect(b.live()).toEqual(['b']);
    expect(b.held()).toEqual(TASKS);
  });

  it('gives a lease up only after the run in progress, and runs nothing meanwhile', async () => {
    const a = keeper('a');
    await a.tick();
    let finish = () => {};
    const running = new Promise<void>((resolve) => (finish = resolve));
    for (const task of TASKS) idle.set(task, running);
    const b = keeper('b');
    await b.tick();
    await a.tick();
    const givingUp = TASKS.filter((t) => !a.mayRun(t));
    expect(givingUp).toHaveLength(2);
    // Still a's in the table while its run goes on; b cannot take them.
    await b.tick();
    expect(b.held()).toEqual([]);
    expect((await heldBy()).a).toHaveLength(5);
    finish();
    await a.released();
    expect((await heldBy()).a).toHaveLength(3);
    await b.tick();
    expect([...b.held()].sort()).toEqual([...givingUp].sort());
  });

  it('stops running a task whose lease it could not renew in time', async () => {
    const a = keeper('a');
    await a.tick();
    expect(a.mayRun('t1')).toBe(true);
    // No tick for two thirds of the ttl (the database was away): too little of the lease is left.
    nowMs += (2 * TTL) / 3;
    expect(a.mayRun('t1')).toBe(false);
    await a.tick();
    expect(a.mayRun('t1')).toBe(true);
  });

  it('names one live instance for each key', async () => {
    const [a, b] = [keeper('a'), keeper('b')];
    await settle([a, b]);
    const keys = Array.from({ length: 50 }, (_, i) => `c${i}`);
    for (const key of keys) expect(Number(a.owns(key)) + Number(b.owns(key))).toBe(1);
    expect(keys.some((k) => a.owns(k))).toBe(true);
    expect(keys.some((k) => b.owns(k))).toBe(true);
  });
});
