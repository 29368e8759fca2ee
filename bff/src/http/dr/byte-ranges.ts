// Conditional and range requests of a stored representation (RFC 9110 §13, §14), pure: the DR's
// artifact downloads use them so a device can resume a firmware download (protocol §1).

export type RangeDecision =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const FULL: RangeDecision = { kind: 'full' };

/**
 * The response a `Range` header asks of a representation of `size` bytes. One `bytes=` range is
 * served as 206; several ranges, other units and malformed values are ignored (RFC 9110 §14.2 lets
 * a server ignore Range), so the whole representation goes out with 200.
 */
export function parseByteRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return FULL;
  const set = /^\s*bytes\s*=(.*)$/i.exec(header)?.[1];
  if (set === undefined) return FULL;
  const specs = set
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== '');
  const only = specs.length === 1 ? /^(\d*)-(\d*)$/.exec(specs[0] ?? '') : null;
  if (!only) return FULL;
  const [, first = '', last = ''] = only;
  if (first === '' && last === '') return FULL;
  if (first === '') {
    // Suffix range "-n": the last n bytes (RFC 9110 §14.1.1).
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Infinity : Number(last);
  if (end < start) return FULL; // invalid byte-range-spec: ignored
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

/** HTTP dates have whole seconds: a validator date compares at that precision. */
function wholeSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000) * 1000;
}

function opaqueTag(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}

/** If-None-Match with weak comparison (RFC 9110 §13.1.2): true when any listed tag matches, or `*`. */
export function noneMatchFails(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => opaqueTag(tag) === opaqueTag(etag));
}

/**
 * True when a GET or HEAD should be answered 304: If-None-Match matches, or, only when there is no
 * If-None-Match, the representation is not newer than If-Modified-Since (RFC 9110 §13.2.2).
 */
export function isNotModified(
  headers: { 'if-none-match'?: string | undefined; 'if-modified-since'?: string | undefined },
  etag: string,
  lastModified: Date,
): boolean {
  if (headers['if-none-match'] !== undefined) return noneMatchFails(headers['if-none-match'], etag);
  const since = Date.parse(headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && wholeSeconds(lastModified) <= since;
}

/**
 * If-Range (RFC 9110 §13.1.5): the range applies only when the validator still matches, by strong
 * comparison for an entity tag (a weak one never matches) or exactly for a date.
 */
export function ifRangeMatches(header: string | undefined, etag: string, lastModified: Date): boolean {
  if (header === undefined) return true;
  const value = header.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag;
  const date = Date.parse(value);
  return !Number.isNaN(date) && date === wholeSeconds(lastModified);
}
