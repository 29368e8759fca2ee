// How background work is shared between the live instances: pure, so it is tested with any clock.
//
// Every instance announces itself with a heartbeat lease (`instance:<id>`). Each lease-guarded task
// prefers an order of instances (rendezvous hashing: the highest hash of instance and task first),
// and an instance holds no more than its fair share, ceil(tasks / live instances): one over its share
// gives up the tasks it prefers least, one under its share takes free tasks it prefers most. As the
// preference is the same on every instance, the spread settles within a tick or two and stays put
// until an instance comes or goes. Keyed work that runs everywhere (a campaign's step) goes to the
// one live instance the same hashing names for its key.
import type { LeaseRow } from '../../persistence/ports';

/** The heartbeat lease of an instance; no task is named like this. */
export const HEARTBEAT_PREFIX = 'instance:';

export function heartbeatName(holder: string): string {
  return `${HEARTBEAT_PREFIX}${holder}`;
}

/** FNV-1a over the UTF-16 code units, then a final mix so near keys spread (32 bits, unsigned). */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** How much `instance` wants the work named `key` (rendezvous hashing; ties broken by name). */
export function affinity(instance: string, key: string): number {
  return hash32(`${instance}\n${key}`);
}

/** The live instance that does keyed work (the one with the highest affinity), or undefined. */
export function ownerOf(key: string, live: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = -1;
  for (const instance of live) {
    const score = affinity(instance, key);
    if (score > bestScore || (score === bestScore && best !== undefined && instance < best)) {
      best = instance;
      bestScore = score;
    }
  }
  return best;
}

/** Instances whose heartbeat has not lapsed at `now`, `self` always among them, sorted. */
export function liveInstances(rows: readonly LeaseRow[], self: string, now: Date): string[] {
  const live = new Set([self]);
  for (const row of rows) {
    if (row.name.startsWith(HEARTBEAT_PREFIX) && row.expiresAt.getTime() > now.getTime())
      live.add(row.holder);
  }
  return [...live].sort();
}

export function fairShare(tasks: number, instances: number): number {
  return Math.ceil(tasks / Math.max(1, instances));
}

export interface LeasePlan {
  live: string[];
  fairShare: number;
  /** Tasks `self` holds and gives up now (over its share), least preferred first. */
  release: string[];
  /** Tasks `self` keeps and should renew (less than two thirds of their ttl left). */
  renew: string[];
  /** Tasks `self` keeps with enough time left. */
  keep: string[];
  /** Free or lapsed tasks `self` tries to take, most preferred first. */
  acquire: string[];
}

/**
 * What `self` does with the leases of `tasks` given every lease row read at `now` (its own heartbeat
 * among them). A lease counts as held until its expiresAt; a lapsed one is free to take.
 */
export function planLeases(input: {
  rows: readonly LeaseRow[];
  self: string;
  tasks: readonly string[];
  now: Date;
  ttlMs: number;
}): LeasePlan {
  const { rows, self, tasks, ttlMs } = input;
  const now = input.now.getTime();
  const live = liveInstances(rows, self, input.now);
  const share = fairShare(tasks.length, live.length);
  const byName = new Map(rows.map((r) => [r.name, r]));
  const prefer = (a: string, b: string) => affinity(self, b) - affinity(self, a) || a.localeCompare(b);

  const mine: string[] = [];
  const free: string[] = [];
  for (const task of tasks) {
    const row = byName.get(task);
    if (row === undefined || row.expiresAt.getTime() <= now) free.push(task);
    else if (row.holder === self) mine.push(task);
  }
  mine.sort(prefer);
  free.sort(prefer);
  const kept = mine.slice(0, share);
  const renewBelowMs = (2 * ttlMs) / 3;
  const isDue = (task: string) => (byName.get(task)?.expiresAt.getTime() ?? 0) - now < renewBelowMs;
  return {
    live,
    fairShare: share,
    release: mine.slice(share).reverse(),
    renew: kept.filter(isDue),
    keep: kept.filter((t) => !isDue(t)),
    acquire: free.slice(0, Math.max(0, share - kept.length)),
  };
}
