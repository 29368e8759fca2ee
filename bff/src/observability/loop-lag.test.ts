import { describe, expect, it } from 'vitest';
import { openLagWindow } from './loop-lag';

function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Resolves after the sampler's tick that was due during a block: timers run in due order. */
function afterDueTimers(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

describe('event-loop lag windows', () => {
  it('counts a stall that starts right after a scrape, before the sampler ticked again', async () => {
    const window = openLagWindow();
    await afterDueTimers();
    window.take();
    block(150);
    await afterDueTimers();
    const { max, p99 } = window.take();
    expect(max).toBeGreaterThanOrEqual(0.12);
    expect(p99).toBeLessThanOrEqual(max);
  });

  it('starts each window afresh, and one reader taking does not reset another', async () => {
    const a = openLagWindow();
    const b = openLagWindow();
    await afterDueTimers();
    block(120);
    await afterDueTimers();
    expect(a.take().max).toBeGreaterThanOrEqual(0.1);
    expect(a.take().max).toBeLessThan(0.1);
    expect(b.take().max).toBeGreaterThanOrEqual(0.1);
  });
});
