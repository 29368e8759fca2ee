// Keeps the tree history bounded (protocol §13): changes older than DMC_TREE_HISTORY_DAYS go, and a
// device keeps at most DMC_TREE_HISTORY_PER_DEVICE changes. Each step removes one batch in its own
// transaction and moves the device's horizon up to the newest change it removed, so the tree as of
// any time at or after the horizon stays exact (the current tree is the baseline the history is
// undone from). Idempotent: run by the lease-guarded `tree-history-retention` task on one instance;
// a crash between batches leaves work the next run finishes.
import type { Store } from '../../persistence/ports';
import type { Clock } from '../ports';
import { nextTurn } from './next-turn';

export const DEFAULT_TREE_HISTORY_DAYS = 90;
export const DEFAULT_TREE_HISTORY_PER_DEVICE = 100_000;
/** Changes removed per statement (and transaction). */
export const RETENTION_BATCH = 1_000;
/** Batches one run removes at most; the rest waits for the next run. */
const MAX_BATCHES_PER_RUN = 100;

export interface TreeHistoryRetention {
  days: number;
  perDevice: number;
}

/** Removes what retention no longer keeps; returns how many changes went. */
export async function pruneTreeHistory(
  store: Store,
  clock: Clock,
  retention: TreeHistoryRetention,
): Promise<number> {
  const cutoff = new Date(clock.now().getTime() - retention.days * 86_400_000);
  let removed = 0;
  for (const prune of [
    () => store.treeHistory.pruneOlderThan(cutoff, RETENTION_BATCH),
    () => store.treeHistory.pruneBeyond(retention.perDevice, RETENTION_BATCH),
  ]) {
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
      const count = await prune();
      removed += count;
      if (count < RETENTION_BATCH) break;
      await nextTurn();
    }
  }
  return removed;
}
