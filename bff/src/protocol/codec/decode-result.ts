/** Result of decoding a wire body; `issues` are zod issues or issues of the same shape. */
export type DecodeResult<T> =
  { ok: true; value: T } | { ok: false; error: { message: string; issues: unknown[] } };

export interface CodecIssue {
  code: 'custom';
  path: (string | number)[];
  message: string;
}

export function decodeFailure<T>(message: string, issues: unknown[] = []): DecodeResult<T> {
  return { ok: false, error: { message, issues } };
}

export function issue(path: (string | number)[], message: string): CodecIssue {
  return { code: 'custom', path, message };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A copy of `record` in which each member of `keys` that is null is absent (protocol §12). */
export function withoutNulls(
  record: Record<string, unknown>,
  keys: readonly string[],
): Record<string, unknown> {
  const copy = { ...record };
  for (const key of keys) if (copy[key] === null) delete copy[key];
  return copy;
}

/** Runs a decoder so that no input, however odd (getters that throw, proxies), makes it throw. */
export function neverThrow<T>(what: string, run: () => DecodeResult<T>): DecodeResult<T> {
  try {
    return run();
  } catch (e) {
    // A RangeError is the engine running out of stack or memory: its message says nothing about the input.
    const reason = e instanceof RangeError ? 'it nests too deeply' : e instanceof Error ? e.message : '';
    return decodeFailure(`cannot decode ${what}: ${reason || 'unreadable input'}`);
  }
}
