// Whether the API answered its last request: reported by the API client, read by the connection
// store (stores/app-store.ts), so the client needs no store and the store no fetch.

type Listener = (isUnreachable: boolean) => void;
const listeners = new Set<Listener>();

/** Called by the API client after each request: no answer at all, or a gateway's 502/504. */
export function reportApiUnreachable(isUnreachable: boolean): void {
  for (const listener of listeners) listener(isUnreachable);
}

export function onApiReachability(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
