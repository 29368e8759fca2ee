import type { ProfileCounts } from '@dmc/shared/api';
import { describe, expect, it } from 'vitest';
import type { EventPublisher } from '../ports';
import { createProfileCountsPublisher, MAX_COUNTS_EVENTS_PER_SECOND } from './counts-publisher';

/** A publisher on a hand-moved clock: `advance` runs whatever became due. */
function harness() {
  let clock = 0;
  let timers: { at: number; run: () => void }[] = [];
  const stored = new Map<string, ProfileCounts>();
  const reads: string[][] = [];
  const sent: { id: string; counts: ProfileCounts; at: number }[] = [];
  const events: EventPublisher = {
    publish: (name, payload) => {
      if (name === 'profile:counts') {
        const { id, counts } = payload as { id: string; counts: ProfileCounts };
        sent.push({ id, counts, at: clock });
      }
    },
  };
  const publisher = createProfileCountsPublisher(
    {
      counts: (ids) => {
        reads.push([...(ids ?? [])].sort());
        return Promise.resolve(new Map((ids ?? []).map((id) => [id, stored.get(id) ?? zero(0)])));
      },
    },
    events,
    { now: () => clock, schedule: (run, ms) => timers.push({ at: clock + ms, run }) },
  );
  const advance = async (ms: number) => {
    const until = clock + ms;
    for (;;) {
      const next = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (next === undefined) break;
      timers = timers.filter((t) => t !== next);
      clock = next.at;
      next.run();
      await publisher.settled();
    }
    clock = until;
  };
  return { publisher, stored, reads, sent, advance };
}

const zero = (verified: number): ProfileCounts => ({ verified, pending: 0, failed: 0, conflicted: 0 });

describe('profile counts publisher', () => {
  it('sends the stored counts of every profile named, read together in one call', async () => {
    const h = harness();
    h.stored.set('a', zero(1));
    h.stored.set('b', zero(2));
    h.publisher.changed(['a', 'b']);
    h.publisher.changed(['a']);
    await h.advance(0);
    expect(h.reads).toEqual([['a', 'b']]);
    expect(h.sent.map((s) => [s.id, s.counts.verified])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it(`sends at most ${MAX_COUNTS_EVENTS_PER_SECOND} events per profile per second, the last counts last`, async () => {
    const h = harness();
    for (let ms = 0; ms < 2_000; ms += 10) {
      h.stored.set('a', zero(ms));
      h.publisher.changed(['a']);
      await h.advance(10);
    }
    await h.advance(1_000);
    const times = h.sent.map((s) => s.at);
    for (const t of times) expect(times.filter((u) => u > t - 1_000 && u <= t).length).toBeLessThanOrEqual(4);
    expect(h.sent.length).toBeGreaterThanOrEqual(8);
    expect(h.sent.at(-1)?.counts.verified).toBe(1_990);
  });

  it('throttles each profile on its own', async () => {
    const h = harness();
    h.publisher.changed(['a']);
    await h.advance(0);
    h.publisher.changed(['a', 'b']);
    await h.advance(0);
    // b had no event yet and goes at once; a waits for its quarter second.
    expect(h.sent.map((s) => s.id)).toEqual(['a', 'b']);
    await h.advance(250);
    expect(h.sent.map((s) => s.id)).toEqual(['a', 'b', 'a']);
  });
});
