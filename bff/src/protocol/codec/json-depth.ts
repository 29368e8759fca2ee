// JSON depth (protocol §12): a body whose arrays and objects nest deeper than MAX_JSON_DEPTH is refused
// before it is parsed, so no decoder, schema or tree walk ever meets one. The scan is a single pass over
// the bytes with a counter, no recursion: its time grows with the body's size, whatever the nesting.

/** The deepest nesting of arrays and objects a JSON body may have. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * True when UTF-8 JSON text opens more than `max` arrays and objects inside each other. Brackets inside
 * strings do not count; for text that is not JSON the answer is a guess the parser then settles.
 */
export function nestsDeeperThan(bytes: Uint8Array, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth += 1;
      if (depth > max) return true;
    } else if ((byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) && depth > 0) {
      depth -= 1;
    }
  }
  return false;
}
