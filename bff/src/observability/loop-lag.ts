// Event-loop lag as the worst delay since the previous scrape (ARCHITECTURE.md, event-loop budget).
// One timer per process samples how late it fires; each reader (one app's metrics) keeps its own
// window, so a scrape resets only its own figures. Unlike a histogram that is reset on scrape, the
// timer's previous tick survives the reset, so a stall that spans a scrape is still counted.

const RESOLUTION_MS = 10;
/** Samples kept per window for the 99th percentile: the newest ~40 s at the resolution. */
const WINDOW_SAMPLES = 4096;

export interface LagFigures {
  /** Worst delay in seconds since the previous take(). */
  max: number;
  /** 99th percentile of the delays in seconds since the previous take(). */
  p99: number;
}

export interface LagWindow {
  /** The figures since the previous take(), then starts a new window. */
  take(): LagFigures;
}

class Window implements LagWindow {
  private max = 0;
  private readonly samples: number[] = [];
  private next = 0;

  record(lagMs: number): void {
    if (lagMs > this.max) this.max = lagMs;
    if (this.samples.length < WINDOW_SAMPLES) this.samples.push(lagMs);
    else {
      this.samples[this.next] = lagMs;
      this.next = (this.next + 1) % WINDOW_SAMPLES;
    }
  }

  take(): LagFigures {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const p99 = sorted.length === 0 ? 0 : (sorted[Math.ceil(sorted.length * 0.99) - 1] ?? 0);
    const figures = { max: this.max / 1000, p99: p99 / 1000 };
    this.max = 0;
    this.samples.length = 0;
    this.next = 0;
    return figures;
  }
}

// Readers are held weakly: an app that is gone (tests start many) stops being sampled for.
const readers = new Set<WeakRef<Window>>();
let timer: NodeJS.Timeout | undefined;
let last = 0;

function tick(): void {
  const now = performance.now();
  const lag = Math.max(0, now - last - RESOLUTION_MS);
  last = now;
  for (const ref of readers) {
    const window = ref.deref();
    if (window) window.record(lag);
    else readers.delete(ref);
  }
  if (readers.size === 0 && timer) {
    clearInterval(timer);
    timer = undefined;
  }
}

/** A new window of event-loop lag figures; the sampling timer runs while any window is alive. */
export function openLagWindow(): LagWindow {
  const window = new Window();
  readers.add(new WeakRef(window));
  if (!timer) {
    last = performance.now();
    timer = setInterval(tick, RESOLUTION_MS);
    timer.unref();
  }
  return window;
}
