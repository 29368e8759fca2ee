// Timer-driven background work (session and command expiry, P0 dispatch, operation progress, campaign
// steps, housekeeping), shared between the instances on one database (invariant 9):
// - `everywhere` tasks run on every instance at once: their work is claimed row by row inside a
//   transaction (FOR UPDATE SKIP LOCKED and conditional updates), so each instance takes a disjoint
//   batch; keyed work inside them (a campaign) is split with owns(key).
// - `lease` tasks run on one instance at a time under their lease; the lease keeper spreads them so
//   each live instance holds its fair share, and a dead instance's leases lapse after ttlMs and are
//   taken over (lease-keeper.ts, lease-plan.ts).
// Every task stays idempotent and conditional, so an overlap at a handover is harmless.
import type { LeaseRepository } from '../../persistence/ports';
import type { Clock } from '../ports';
import { createLeaseKeeper } from './lease-keeper';

export interface TaskContext {
  /** Whether this instance does the keyed work `key` now (one live instance does each key). */
  owns: (key: string) => boolean;
}

export interface BackgroundTask {
  /** Also the lease name of a `lease` task. */
  name: string;
  intervalMs: number;
  /** `lease` (default): one instance at a time. `everywhere`: each instance claims its own rows. */
  placement?: 'lease' | 'everywhere';
  run(context: TaskContext): Promise<unknown>;
}

export interface BackgroundWork {
  /** Names of the tasks whose lease this instance holds now. */
  held(): string[];
  /** The live instances this one sees (itself included), sorted. */
  instances(): readonly string[];
  /** Stops the timers, waits for runs in progress, then releases the leases (graceful shutdown). */
  stop(): Promise<void>;
}

export interface BackgroundOptions {
  leases: LeaseRepository;
  /** This instance's name in the leases table. */
  holder: string;
  ttlMs: number;
  clock: Clock;
  tasks: readonly BackgroundTask[];
  onError(task: string, err: unknown): void;
  onLeaseChange?: (task: string, isHeld: boolean) => void;
  onInstancesChange?: (live: readonly string[]) => void;
}

/** The lease keeper's name in onError. */
export const LEASES_TASK = 'leases';

/** How often the leases are read: a free lease is taken within this, and renewals stay well ahead. */
export function keeperEveryMs(ttlMs: number): number {
  return Math.max(10, Math.min(1_000, ttlMs / 4));
}

export function startBackgroundWork(options: BackgroundOptions): BackgroundWork {
  const { clock } = options;
  let isStopped = false;
  const running = new Map<string, Promise<void>>();
  const keeper = createLeaseKeeper({
    leases: options.leases,
    holder: options.holder,
    ttlMs: options.ttlMs,
    clock,
    tasks: options.tasks.filter((t) => (t.placement ?? 'lease') === 'lease').map((t) => t.name),
    whenIdle: (task) => running.get(task) ?? Promise.resolve(),
    onError: (err) => options.onError(LEASES_TASK, err),
    ...(options.onLeaseChange ? { onLeaseChange: options.onLeaseChange } : {}),
    ...(options.onInstancesChange ? { onInstancesChange: options.onInstancesChange } : {}),
  });
  const context: TaskContext = { owns: (key) => keeper.owns(key) };
  const timers = new Map<string, NodeJS.Timeout>();

  /** Runs `tick` every `everyMs` after the previous one finished, until stopped. */
  const loop = (name: string, everyMs: number, firstInMs: number, tick: () => Promise<void>) => {
    const schedule = (inMs: number) => {
      if (isStopped) return;
      const timer = setTimeout(() => {
        running.set(
          name,
          tick().finally(() => schedule(everyMs)),
        );
      }, inMs);
      timer.unref();
      timers.set(name, timer);
    };
    schedule(firstInMs);
  };

  const keeperName = `\0${LEASES_TASK}`;
  loop(keeperName, keeperEveryMs(options.ttlMs), 0, () => keeper.tick());
  for (const task of options.tasks) {
    const isLeased = (task.placement ?? 'lease') === 'lease';
    loop(task.name, task.intervalMs, task.intervalMs, async () => {
      if (isLeased && !keeper.mayRun(task.name)) return;
      try {
        await task.run(context);
      } catch (err) {
        options.onError(task.name, err);
      }
    });
  }

  return {
    held: () => keeper.held(),
    instances: () => keeper.live(),
    async stop() {
      isStopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.all(running.values());
      await keeper.releaseAll();
    },
  };
}
