// `profile:counts` for consoles (protocol §14), throttled: at most MAX_PER_SECOND events per profile
// per instance, however many device states change. Callers say which profiles' states changed, after
// their transaction committed; the counts are read from the repository (one indexed statement for
// every profile due), never carried by the caller, so an event always shows the counts as stored.
import type { ProfileRepository } from '../../persistence/ports';
import type { EventPublisher } from '../ports';
import { profileCountsChanged, publish } from '../events/live-events';

/** Events per profile per second, at most. */
export const MAX_COUNTS_EVENTS_PER_SECOND = 4;
const GAP_MS = 1000 / MAX_COUNTS_EVENTS_PER_SECOND;

export interface ProfileCountsPublisher {
  /** The states of these profiles changed (committed): their counts go out within a quarter second. */
  changed(profileIds: Iterable<string>): void;
  /** Resolves once the counts being read now have gone out (a later turn may still be scheduled). */
  settled(): Promise<void>;
}

export interface CountsPublisherOptions {
  now?: () => number;
  /** Runs `run` after `ms` (default: an unref'd setTimeout). */
  schedule?: (run: () => void, ms: number) => void;
  onError?: (err: unknown) => void;
}

export function createProfileCountsPublisher(
  profiles: Pick<ProfileRepository, 'counts'>,
  events: EventPublisher,
  options: CountsPublisherOptions = {},
): ProfileCountsPublisher {
  const now = options.now ?? Date.now;
  const schedule =
    options.schedule ??
    ((run: () => void, ms: number) => {
      setTimeout(run, ms).unref();
    });
  /** When each profile's last event went out. */
  const lastSent = new Map<string, number>();
  /** Profiles waiting for their turn. */
  const due = new Set<string>();
  let timerAt: number | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const flush = (): void => {
    timerAt = undefined;
    const at = now();
    const ready = [...due].filter((id) => at - (lastSent.get(id) ?? -Infinity) >= GAP_MS);
    for (const id of ready) {
      due.delete(id);
      lastSent.set(id, at);
    }
    if (ready.length > 0) {
      inFlight = inFlight
        .then(async () => {
          const counts = await profiles.counts(ready);
          for (const [id, value] of counts) publish(events, profileCountsChanged(id, value));
        })
        .catch((err: unknown) => options.onError?.(err));
    }
    arm();
  };

  /** Schedules the next flush for the earliest profile due. */
  const arm = (): void => {
    if (due.size === 0) return;
    const at = now();
    let next = Infinity;
    for (const id of due) next = Math.min(next, (lastSent.get(id) ?? -Infinity) + GAP_MS);
    const wait = Math.max(0, next - at);
    if (timerAt !== undefined && timerAt <= at + wait) return;
    timerAt = at + wait;
    schedule(flush, wait);
  };

  // Forget profiles idle for a while, so the map stays as small as the set of active profiles.
  const prune = (): void => {
    const at = now();
    for (const [id, sent] of lastSent) if (at - sent > 60_000 && !due.has(id)) lastSent.delete(id);
  };

  return {
    changed(profileIds) {
      for (const id of profileIds) due.add(id);
      if (lastSent.size > 1_000) prune();
      arm();
    },
    settled: () => inFlight,
  };
}

const perPublisher = new WeakMap<EventPublisher, ProfileCountsPublisher>();

/**
 * The one counts publisher of the instance whose live events go through `events` (the membership
 * sweep and the session's enforcement share it, so the limit holds for both together).
 */
export function profileCountsPublisher(
  profiles: Pick<ProfileRepository, 'counts'>,
  events: EventPublisher,
  onError?: (err: unknown) => void,
): ProfileCountsPublisher {
  let publisher = perPublisher.get(events);
  if (publisher === undefined) {
    publisher = createProfileCountsPublisher(profiles, events, onError ? { onError } : {});
    perPublisher.set(events, publisher);
  }
  return publisher;
}
