// Big campaigns are worked in batches; between them the event loop serves what waits (ARCHITECTURE.md
// invariant 16).

/** Resolves on the next turn of the event loop. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
