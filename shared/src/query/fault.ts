/** A parse or type error; the parser turns it into a QueryError result. */
export class QueryFault extends Error {
  constructor(
    readonly offset: number,
    readonly length: number,
    message: string,
  ) {
    super(message);
  }
}

/** A fault covering the characters of `at` (at least one). */
export function fault(at: { start: number; end: number }, message: string): QueryFault {
  return new QueryFault(at.start, Math.max(1, at.end - at.start), message);
}
