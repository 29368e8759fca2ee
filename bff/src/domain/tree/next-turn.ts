/** Lets the event loop run what is waiting (other requests, timers) before the next chunk of work. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
