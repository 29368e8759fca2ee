/** Outcome of a tree operation: a value, or the DM status code a real device would answer. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; sc: number; message: string };

export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function refuse(sc: number, message: string): { ok: false; sc: number; message: string } {
  return { ok: false, sc, message };
}
