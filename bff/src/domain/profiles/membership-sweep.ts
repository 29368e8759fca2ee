// A profile's membership, kept by the background (protocol §14): right after a profile is created or
// changed, and every DMC_PROFILE_SWEEP_S, its query is run over the fleet in chunks of DevIDs. A new
// match gets the state `pending` ("waiting for the device's next session") and is woken through P0,
// a bounded number per sweep (the rest wait for their own next session); a device that stopped
// matching loses its state; a state of an older revision starts over as `pending`. Each chunk is one
// short transaction and the event loop runs between chunks (invariant 16). Sweeps are idempotent:
// two at once (two instances, or a change during the periodic one) insert nothing twice and remove
// nothing that matches.
import type { ProfileRepository, Store } from '../../persistence/ports';
import type { Clock } from '../ports';
import type { NotificationService } from '../notify/notification.service';
import type { ProfileCountsPublisher } from './counts-publisher';
import { matcherOf } from './profile-input';

/** Devices read per chunk. */
export const SWEEP_CHUNK = 2_000;
/** P0 wake-ups one sweep of one profile sends at most. */
export const MAX_SWEEP_WAKES = 500;
export const NEW_MEMBER_REASON = "waiting for the device's next session";

type SweepStep = Awaited<ReturnType<ProfileRepository['sweepMembers']>>;

export interface SweepResult {
  added: number;
  removed: number;
  /** States of an older revision started over. */
  restarted: number;
  woken: number;
}

export interface MembershipSweep {
  /** Sweeps one profile now; a disabled or removed profile is left as it is. */
  sweepProfile(profileId: string): Promise<SweepResult>;
  /** Sweeps every enabled profile, one after another (the periodic task). */
  sweepAll(): Promise<SweepResult>;
  /** Starts a sweep of the profile in the background (after a change); a running one is run again. */
  kick(profileId: string): void;
  /** Resolves when no kicked sweep runs (tests, shutdown). */
  idle(): Promise<void>;
}

export interface MembershipSweepDeps {
  clock: Clock;
  notifications: Pick<NotificationService, 'wake'>;
  counts: ProfileCountsPublisher;
  onError(err: unknown): void;
  chunk?: number;
  maxWakes?: number;
}

export function createMembershipSweep(
  store: Pick<Store, 'profiles' | 'transaction'>,
  deps: MembershipSweepDeps,
): MembershipSweep {
  const chunk = deps.chunk ?? SWEEP_CHUNK;
  const maxWakes = deps.maxWakes ?? MAX_SWEEP_WAKES;
  const running = new Map<string, Promise<unknown>>();
  const again = new Set<string>();

  async function sweepProfile(profileId: string): Promise<SweepResult> {
    const result: SweepResult = { added: 0, removed: 0, restarted: 0, woken: 0 };
    const row = await store.profiles.find(profileId);
    const matcher = row?.enabled ? matcherOf(row) : undefined;
    if (row === undefined || matcher === undefined) return result;
    const toWake: string[] = [];
    let after: string | null = null;
    do {
      const cursor: string | null = after;
      const step: SweepStep = await store.transaction((repos) =>
        repos.profiles.sweepMembers(matcher, {
          after: cursor,
          limit: chunk,
          now: deps.clock.now(),
          revision: row.revision,
          reason: NEW_MEMBER_REASON,
        }),
      );
      result.added += step.added.length;
      result.removed += step.removed.length;
      result.restarted += step.restarted.length;
      for (const devId of step.added) if (toWake.length < maxWakes) toWake.push(devId);
      if (step.added.length + step.removed.length + step.restarted.length > 0)
        deps.counts.changed([profileId]);
      after = step.last;
      await new Promise((resolve) => setImmediate(resolve));
    } while (after !== null);
    for (const devId of toWake) {
      await deps.notifications.wake(devId);
      result.woken += 1;
    }
    return result;
  }

  function kick(profileId: string): void {
    if (running.has(profileId)) {
      again.add(profileId);
      return;
    }
    const run = (async () => {
      do {
        again.delete(profileId);
        await sweepProfile(profileId).catch((err: unknown) => deps.onError(err));
      } while (again.has(profileId));
    })().finally(() => running.delete(profileId));
    running.set(profileId, run);
  }

  return {
    sweepProfile,
    async sweepAll() {
      const total: SweepResult = { added: 0, removed: 0, restarted: 0, woken: 0 };
      for (const row of await store.profiles.listEnabled()) {
        const one = await sweepProfile(row.id);
        total.added += one.added;
        total.removed += one.removed;
        total.restarted += one.restarted;
        total.woken += one.woken;
      }
      return total;
    },
    kick,
    async idle() {
      while (running.size > 0) await Promise.all(running.values());
    },
  };
}
