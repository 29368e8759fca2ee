/** Percent-encoding for the parts of a ClientURI (RFC 3986 §2.1, UTF-8). */

const HEX = /^[0-9A-Fa-f]{2}$/;

/** Characters kept as they are in a name: RFC 3986 unreserved plus the sub-delims that are harmless. */
const NAME_SAFE = /[A-Za-z0-9\-._~!$'+,;=:@&]/;
/** In a query value `&` separates fields; inside nv paths `:` ends the path and `=` is avoided for clarity. */
const QUERY_SAFE = /[A-Za-z0-9\-._~!$'+,;:@/]/;
const NV_PATH_SAFE = /[A-Za-z0-9\-._~!$'+,;@]/;

function encodeWith(text: string, safe: RegExp): string {
  let out = '';
  for (const ch of text) {
    if (safe.test(ch)) out += ch;
    else
      out += encodeURIComponent(ch).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      );
  }
  return out;
}

/** Encodes a node name or MIID for a path segment; `*` and parentheses are always encoded. */
export function encodeName(name: string): string {
  return encodeWith(name, NAME_SAFE);
}

/** Encodes a node name inside an `nv=` relative path. */
export function encodeNvName(name: string): string {
  return encodeWith(name, NV_PATH_SAFE);
}

/** Encodes an `nv=` or `cv=` value. */
export function encodeQueryValue(value: string): string {
  return encodeWith(value, QUERY_SAFE);
}

export type DecodeOutcome = { ok: true; value: string } | { ok: false; message: string; offset: number };

/**
 * Percent-decodes `text`; on failure `offset` is the position of the faulty escape within `text`.
 * Each run of consecutive escapes is decoded on its own so a bad UTF-8 sequence is located precisely.
 */
export function percentDecode(text: string): DecodeOutcome {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '%') {
      out += text[i];
      i += 1;
      continue;
    }
    const runStart = i;
    let run = '';
    while (text[i] === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!HEX.test(hex))
        return { ok: false, message: `bad percent-escape "${text.slice(i, i + 3)}"`, offset: i };
      run += `%${hex}`;
      i += 3;
    }
    try {
      out += decodeURIComponent(run);
    } catch {
      return { ok: false, message: `percent-escapes "${run}" are not valid UTF-8`, offset: runStart };
    }
  }
  return { ok: true, value: out };
}
