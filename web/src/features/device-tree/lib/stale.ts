/** A value reported longer ago than this is marked stale in the tree explorer. */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export function isStale(reportedAt: string, now: number): boolean {
  const at = Date.parse(reportedAt);
  return !Number.isNaN(at) && now - at > STALE_AFTER_MS;
}
