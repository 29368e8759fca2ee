import { describe, expect, it } from 'vitest';
import { createToastBatcher, toastTitle, type ToastGroup } from './toast-batcher';

/** A clock and timers driven by the test: time moves only when `advance` says so. */
function manualTime() {
  let now = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 1;
  return {
    now: () => now,
    setTimer: (run: () => void, ms: number) => {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimer: (id: unknown) => {
      timers = timers.filter((t) => t.id !== id);
    },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.run();
      }
      now = until;
    },
  };
}

function setup() {
  const time = manualTime();
  const shown: { at: number; group: ToastGroup }[] = [];
  const batcher = createToastBatcher({
    windowMs: 1_000,
    minIntervalMs: 10_000,
    ...time,
    show: (group) => shown.push({ at: time.now(), group }),
  });
  return { time, shown, batcher };
}

describe('alert toast batching', () => {
  it('groups alerts of a short window into one toast naming how many and from how many devices', () => {
    const { time, shown, batcher } = setup();
    for (const devId of ['d1', 'd2', 'd1', 'd3']) batcher.push({ devId, mark: 'critical', occurrences: 1 });
    batcher.push({ devId: 'd2', mark: 'critical', occurrences: 1 });
    expect(shown).toEqual([]);
    time.advance(1_000);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.group).toMatchObject({ alerts: 5, deviceCount: 3, devices: ['d1', 'd2', 'd3'] });
    expect(toastTitle(shown[0]!.group)).toBe('5 critical alerts from 3 devices');
  });

  it('shows at most one toast per interval; what arrives meanwhile joins the next', () => {
    const { time, shown, batcher } = setup();
    batcher.push({ devId: 'd1', mark: 'critical', occurrences: 1 });
    time.advance(1_000);
    expect(shown).toHaveLength(1);
    // A steady stream: one alert a second for 25 s.
    for (let i = 0; i < 25; i++) {
      batcher.push({ devId: `d${i % 2}`, mark: i === 3 ? 'fatal' : 'critical', occurrences: 1 });
      time.advance(1_000);
    }
    expect(shown.map((s) => s.at)).toEqual([1_000, 11_000, 21_000]);
    const total = shown.reduce((sum, s) => sum + s.group.alerts, 0);
    // The alerts after the last toast still wait for the next one.
    expect(total).toBeLessThanOrEqual(26);
    expect(shown[1]?.group).toMatchObject({ alerts: 10, fatal: 1, deviceCount: 2 });
    expect(toastTitle(shown[1]!.group)).toBe('10 critical and fatal alerts from 2 devices');
    time.advance(10_000);
    expect(shown.reduce((sum, s) => sum + s.group.alerts, 0)).toBe(26);
  });

  it('counts each occurrence of a coalesced alert and names a single device', () => {
    const { time, shown, batcher } = setup();
    batcher.push({ devId: 'IMEI:1', mark: 'fatal', occurrences: 3 });
    time.advance(1_000);
    expect(toastTitle(shown[0]!.group)).toBe('3 fatal alerts from IMEI:1');
    expect(toastTitle({ alerts: 1, fatal: 0, devices: ['IMEI:2'], deviceCount: 1 })).toBe(
      'Critical alert from IMEI:2',
    );
  });

  it('drops what waits when cleared (muted)', () => {
    const { time, shown, batcher } = setup();
    batcher.push({ devId: 'd1', mark: 'critical', occurrences: 1 });
    batcher.clear();
    time.advance(60_000);
    expect(shown).toEqual([]);
    batcher.push({ devId: 'd2', mark: 'critical', occurrences: 1 });
    time.advance(1_000);
    expect(shown.map((s) => s.group.devices)).toEqual([['d2']]);
  });
});
