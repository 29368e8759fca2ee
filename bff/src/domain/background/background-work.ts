// Timer-driven background work (session and command expiry, P0 dispatch, operation progress,
// housekeeping) with one lease per task: on several instances sharing a database, one instance at
// a time runs each task, and when it dies its lease lapses after ttlMs and another takes over.
// The tasks stay idempotent and conditional (invariant 9), so an overlap at a handover is harmless.
import type { LeaseRepository } from '../../persistence/ports';
import type { Clock } from '../ports';

export interface BackgroundTask {
  /** Also the lease name. */
  name: string;
  intervalMs: number;
  run(): Promise<unknown>;
}

export interface BackgroundWork {
  /** Names of the tasks whose lease this instance holds now. */
  held(): string[];
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
  onLeaseChange?(task: string, isHeld: boolean): void;
}

/** How often an instance without the lease asks for it (at most once a second). */
function acquireEveryMs(task: BackgroundTask, ttlMs: number): number {
  return Math.max(task.intervalMs, Math.min(1_000, ttlMs / 3));
}

export function startBackgroundWork(options: BackgroundOptions): BackgroundWork {
  const { leases, holder, ttlMs, clock } = options;
  let isStopped = false;
  const loops = options.tasks.map((task) => {
    const state = {
      task,
      isHeld: false,
      /** Until when this instance may assume it holds the lease (its last acquire or renew + ttl). */
      heldUntil: 0,
      nextAcquireAt: 0,
      timer: undefined as NodeJS.Timeout | undefined,
      running: Promise.resolve(),
    };
    const setHeld = (isHeld: boolean, until = 0) => {
      if (state.isHeld !== isHeld) options.onLeaseChange?.(task.name, isHeld);
      state.isHeld = isHeld;
      state.heldUntil = until;
    };

    /** Makes sure the lease is ours for at least two thirds of its ttl before a run. */
    async function hold(now: number): Promise<boolean> {
      if (state.isHeld && state.heldUntil - now > (2 * ttlMs) / 3) return true;
      if (!state.isHeld && now < state.nextAcquireAt) return false;
      const at = new Date(now);
      const isOurs = state.isHeld
        ? await leases.renew(task.name, holder, at, ttlMs)
        : await leases.acquire(task.name, holder, at, ttlMs);
      if (!isOurs) state.nextAcquireAt = now + acquireEveryMs(task, ttlMs);
      setHeld(isOurs, isOurs ? now + ttlMs : 0);
      return isOurs;
    }

    async function tick(): Promise<void> {
      try {
        if (await hold(clock.now().getTime())) await task.run();
      } catch (err) {
        // A failed renew may mean the database is away: stop assuming the lease until it answers.
        if (state.isHeld && state.heldUntil <= clock.now().getTime()) setHeld(false);
        options.onError(task.name, err);
      }
    }

    const schedule = () => {
      if (isStopped) return;
      state.timer = setTimeout(() => {
        state.running = tick().finally(schedule);
      }, task.intervalMs);
      state.timer.unref();
    };
    schedule();
    return state;
  });

  return {
    held: () => loops.filter((l) => l.isHeld).map((l) => l.task.name),
    async stop() {
      isStopped = true;
      for (const loop of loops) clearTimeout(loop.timer);
      await Promise.all(loops.map((l) => l.running));
      await Promise.all(
        loops
          .filter((l) => l.isHeld)
          .map(async (l) => {
            await leases
              .release(l.task.name, holder)
              .catch((err: unknown) => options.onError(l.task.name, err));
            options.onLeaseChange?.(l.task.name, false);
            l.isHeld = false;
          }),
      );
    },
  };
}
