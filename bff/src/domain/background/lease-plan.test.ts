// The balancing rules on their own: who is live, the fair share, what an instance gives up or takes,
// and which instance does keyed work.
import { describe, expect, it } from 'vitest';
import type { LeaseRow } from '../../persistence/ports';
import { fairShare, heartbeatName, liveInstances, ownerOf, planLeases } from './lease-plan';

const TTL = 15_000;
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
const lease = (name: string, holder: string, expiresAtMs: number): LeaseRow => ({
  name,
  holder,
  acquiredAt: at(0),
  expiresAt: at(expiresAtMs),
});
const heartbeat = (holder: string, expiresAtMs = TTL) => lease(heartbeatName(holder), holder, expiresAtMs);
const TASKS = ['t1', 't2', 't3', 't4', 't5'];

describe('liveInstances and fairShare', () => {
  it('counts instances whose heartbeat has not lapsed, and always itself', () => {
    const rows = [heartbeat('b'), heartbeat('c', 1_000), lease('t1', 'd', TTL)];
    expect(liveInstances(rows, 'a', at(0))).toEqual(['a', 'b', 'c']);
    // c's heartbeat lapses at 1 s; d never announced itself (a task lease is no heartbeat).
    expect(liveInstances(rows, 'a', at(1_000))).toEqual(['a', 'b']);
  });

  it('rounds the share up so every task has a place', () => {
    expect(fairShare(5, 1)).toBe(5);
    expect(fairShare(5, 2)).toBe(3);
    expect(fairShare(4, 2)).toBe(2);
    expect(fairShare(5, 3)).toBe(2);
    expect(fairShare(2, 5)).toBe(1);
    expect(fairShare(3, 0)).toBe(3);
  });
});

describe('planLeases', () => {
  it('takes every free task when it is the only live instance', () => {
    const plan = planLeases({ rows: [heartbeat('a')], self: 'a', tasks: TASKS, now: at(0), ttlMs: TTL });
    expect(plan.live).toEqual(['a']);
    expect([...plan.acquire].sort()).toEqual(TASKS);
    expect(plan.release).toEqual([]);
  });

  it('gives up what is over its share once another instance is live, and keeps the rest', () => {
    const rows = [heartbeat('a'), heartbeat('b'), ...TASKS.map((t) => lease(t, 'a', TTL))];
    const plan = planLeases({ rows, self: 'a', tasks: TASKS, now: at(0), ttlMs: TTL });
    expect(plan.fairShare).toBe(3);
    expect(plan.release).toHaveLength(2);
    expect(plan.keep).toHaveLength(3);
    expect([...plan.release, ...plan.keep].sort()).toEqual(TASKS);
    expect(plan.acquire).toEqual([]);
    // The other instance finds nothing free yet, then takes what was given up.
    const b = planLeases({ rows, self: 'b', tasks: TASKS, now: at(0), ttlMs: TTL });
    expect(b.acquire).toEqual([]);
    const afterRelease = rows.filter((r) => !plan.release.includes(r.name));
    const b2 = planLeases({ rows: afterRelease, self: 'b', tasks: TASKS, now: at(1), ttlMs: TTL });
    expect([...b2.acquire].sort()).toEqual([...plan.release].sort());
  });

  it('gives up the tasks it prefers least, the same choice every time', () => {
    const rows = [heartbeat('a'), heartbeat('b'), heartbeat('c'), ...TASKS.map((t) => lease(t, 'a', TTL))];
    const first = planLeases({ rows, self: 'a', tasks: TASKS, now: at(0), ttlMs: TTL });
    const again = planLeases({ rows, self: 'a', tasks: [...TASKS].reverse(), now: at(5), ttlMs: TTL });
    expect(first.release).toHaveLength(3);
    expect(again.release).toEqual(first.release);
  });

  it('takes a lapsed task of a dead instance only within its share', () => {
    // b died: its heartbeat and leases lapsed at 15 s. a holds two of five.
    const rows = [
      heartbeat('a', 40_000),
      heartbeat('b'),
      lease('t1', 'a', 40_000),
      lease('t2', 'a', 40_000),
      ...['t3', 't4', 't5'].map((t) => lease(t, 'b', TTL)),
    ];
    const before = planLeases({ rows, self: 'a', tasks: TASKS, now: at(TTL - 1), ttlMs: TTL });
    expect(before.live).toEqual(['a', 'b']);
    expect(before.acquire).toEqual([]);
    const after = planLeases({ rows, self: 'a', tasks: TASKS, now: at(TTL), ttlMs: TTL });
    expect(after.live).toEqual(['a']);
    expect([...after.acquire].sort()).toEqual(['t3', 't4', 't5']);
  });

  it('renews a kept lease once less than two thirds of its ttl are left', () => {
    const rows = [heartbeat('a'), lease('t1', 'a', TTL), lease('t2', 'a', TTL)];
    const fresh = planLeases({ rows, self: 'a', tasks: ['t1', 't2'], now: at(4_000), ttlMs: TTL });
    expect(fresh.renew).toEqual([]);
    expect([...fresh.keep].sort()).toEqual(['t1', 't2']);
    const due = planLeases({ rows, self: 'a', tasks: ['t1', 't2'], now: at(5_001), ttlMs: TTL });
    expect([...due.renew].sort()).toEqual(['t1', 't2']);
    expect(due.keep).toEqual([]);
  });

  it('never plans to take a task another live instance holds', () => {
    const rows = [heartbeat('a'), heartbeat('b'), lease('t1', 'b', TTL)];
    const plan = planLeases({ rows, self: 'a', tasks: ['t1'], now: at(0), ttlMs: TTL });
    expect(plan).toMatchObject({ acquire: [], release: [], renew: [], keep: [] });
  });
});

describe('ownerOf', () => {
  const keys = Array.from({ length: 200 }, (_, i) => `campaign-${i}`);

  it('names one live instance per key, spreading the keys', () => {
    const live = ['a', 'b', 'c'];
    const owners = keys.map((k) => ownerOf(k, live));
    for (const instance of live) expect(owners.filter((o) => o === instance).length).toBeGreaterThan(30);
    expect(ownerOf('x', [])).toBeUndefined();
  });

  it('moves only the keys of an instance that left', () => {
    const before = keys.map((k) => ownerOf(k, ['a', 'b', 'c']));
    const after = keys.map((k) => ownerOf(k, ['a', 'c']));
    keys.forEach((_, i) => {
      if (before[i] !== 'b') expect(after[i]).toBe(before[i]);
      else expect(['a', 'c']).toContain(after[i]);
    });
  });
});
