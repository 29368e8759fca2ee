// Retry delays for P0 pushes (protocol §6): each delay at least 1.5× the one before, jitter at most
// ±25 %. With a nominal growth of 2.5×, the worst case (previous +25 %, next −25 %) still grows
// 2.5 × 0.75 / 1.25 = 1.5×.
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_GROWTH = 2.5;
export const BACKOFF_JITTER = 0.25;

/** The delay before retry number `attempt` (1 = after the first failure); `random` in [0, 1). */
export function retryDelayMs(attempt: number, random: () => number, baseMs = BACKOFF_BASE_MS): number {
  const nominal = baseMs * BACKOFF_GROWTH ** Math.max(0, attempt - 1);
  const jitter = (random() * 2 - 1) * BACKOFF_JITTER;
  return Math.round(nominal * (1 + jitter));
}
