// One instance's side of the lease plan (lease-plan.ts): each tick it reads every lease, renews its
// heartbeat when due, and takes, renews or gives up task leases so it holds its fair share. A task
// given up finishes its run in progress first; then its lease is released so another instance takes
// it at its next tick. Nothing here runs a task: background-work.ts asks mayRun() before each run.
import type { LeaseRepository, LeaseRow } from '../../persistence/ports';
import type { Clock } from '../ports';
import { HEARTBEAT_PREFIX, heartbeatName, ownerOf, planLeases } from './lease-plan';

export interface LeaseKeeperOptions {
  leases: LeaseRepository;
  holder: string;
  ttlMs: number;
  clock: Clock;
  /** Names of the lease-guarded tasks. */
  tasks: readonly string[];
  /** Settles when the task's run in progress (if any) is over. */
  whenIdle(task: string): Promise<void>;
  onError(err: unknown): void;
  onLeaseChange?: (task: string, isHeld: boolean) => void;
  /** The live instances (this one included) changed. */
  onInstancesChange?: (live: readonly string[]) => void;
}

export interface LeaseKeeper {
  /** Reads the leases and acts on the plan; one at a time. */
  tick(): Promise<void>;
  /** Whether the task may start a run now: its lease is ours for at least a third of its ttl. */
  mayRun(task: string): boolean;
  held(): string[];
  /** Live instances as last read, sorted (empty before the first read). */
  live(): readonly string[];
  /** Whether this instance does the keyed work `key` (rendezvous over the live instances). */
  owns(key: string): boolean;
  /** Settles when the leases being given up now are released. */
  released(): Promise<void>;
  /** Releases every lease this instance holds and its heartbeat (graceful shutdown). */
  releaseAll(): Promise<void>;
}

interface Held {
  until: number;
  isReleasing: boolean;
}

export function createLeaseKeeper(options: LeaseKeeperOptions): LeaseKeeper {
  const { leases, holder, ttlMs, clock } = options;
  const heartbeat = heartbeatName(holder);
  const held = new Map<string, Held>();
  let live: readonly string[] = [];

  const setHeld = (task: string, until: number | undefined) => {
    const was = held.has(task);
    if (until === undefined) held.delete(task);
    else held.set(task, { until, isReleasing: held.get(task)?.isReleasing ?? false });
    if (was !== (until !== undefined)) options.onLeaseChange?.(task, until !== undefined);
  };

  const releasing = new Map<string, Promise<void>>();
  /** Waits for the run in progress, then gives the lease up (only if still ours). */
  const giveUp = (task: string): Promise<void> => {
    const entry = held.get(task);
    // Ours in the table but not known here (a restart under the same instance id): nothing runs it.
    if (!entry) return leases.release(task, holder).catch((err: unknown) => options.onError(err));
    if (entry.isReleasing) return releasing.get(task) ?? Promise.resolve();
    entry.isReleasing = true;
    const done = (async () => {
      try {
        await options.whenIdle(task);
        await leases.release(task, holder);
      } catch (err) {
        options.onError(err);
      } finally {
        releasing.delete(task);
        setHeld(task, undefined);
      }
    })();
    releasing.set(task, done);
    return done;
  };

  const setLive = (next: readonly string[]) => {
    if (next.length === live.length && next.every((x, i) => x === live[i])) return;
    live = next;
    options.onInstancesChange?.(live);
  };

  /** Forgets leases the table says are no longer ours (lapsed and taken over, or deleted). */
  const forgetLost = (rows: readonly LeaseRow[], now: number) => {
    const byName = new Map(rows.map((r) => [r.name, r]));
    for (const [task, entry] of held) {
      const row = byName.get(task);
      if (entry.isReleasing) continue;
      if (row?.holder !== holder || row.expiresAt.getTime() <= now) setHeld(task, undefined);
    }
  };

  let inProgress: Promise<void> | undefined;
  async function runTick(): Promise<void> {
    const now = clock.now();
    const at = now.getTime();
    try {
      const rows = await leases.list();
      const own = rows.find((r) => r.name === heartbeat);
      if (own?.holder !== holder || own.expiresAt.getTime() - at < (2 * ttlMs) / 3)
        await leases.acquire(heartbeat, holder, now, ttlMs);
      forgetLost(rows, at);
      // A heartbeat lapsed for a whole ttl is an instance gone for good: its row goes.
      for (const row of rows) {
        if (row.name.startsWith(HEARTBEAT_PREFIX) && row.expiresAt.getTime() + ttlMs <= at)
          await leases.removeLapsed(row.name, new Date(at - ttlMs));
      }
      const plan = planLeases({ rows, self: holder, tasks: options.tasks, now, ttlMs });
      setLive(plan.live);
      for (const task of plan.keep) {
        const row = rows.find((r) => r.name === task);
        if (row && !held.get(task)?.isReleasing) setHeld(task, row.expiresAt.getTime());
      }
      for (const task of plan.release) void giveUp(task);
      await Promise.all([
        ...plan.renew.map(async (task) => {
          if (held.get(task)?.isReleasing) return;
          const isOurs = await leases.renew(task, holder, now, ttlMs);
          setHeld(task, isOurs ? at + ttlMs : undefined);
        }),
        ...plan.acquire.map(async (task) => {
          if (await leases.acquire(task, holder, now, ttlMs)) setHeld(task, at + ttlMs);
        }),
      ]);
    } catch (err) {
      // The database may be away: stop assuming leases that may have lapsed meanwhile.
      const later = clock.now().getTime();
      for (const [task, entry] of held)
        if (entry.until <= later && !entry.isReleasing) setHeld(task, undefined);
      options.onError(err);
    }
  }

  return {
    tick() {
      inProgress ??= runTick().finally(() => (inProgress = undefined));
      return inProgress;
    },
    mayRun(task) {
      const entry = held.get(task);
      return entry !== undefined && !entry.isReleasing && entry.until - clock.now().getTime() > ttlMs / 3;
    },
    held: () => [...held.keys()].sort(),
    live: () => live,
    owns: (key) => ownerOf(key, live) === holder,
    async released() {
      await Promise.all(releasing.values());
    },
    async releaseAll() {
      await inProgress;
      await Promise.all([...held.keys()].map((task) => giveUp(task)));
      await leases.release(heartbeat, holder).catch((err: unknown) => options.onError(err));
      setLive([]);
    },
  };
}
