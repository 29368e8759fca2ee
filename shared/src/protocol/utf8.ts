/**
 * UTF-8 without TextEncoder/TextDecoder, which the shared package's ES-only lib does not declare.
 * Encoding turns lone surrogates into U+FFFD (as TextEncoder does); decoding is strict.
 */
export function utf8Encode(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else {
      out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    }
  }
  return Uint8Array.from(out);
}

/** Strict UTF-8 decoding: undefined for overlong forms, surrogates, values above U+10FFFF or truncation. */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    const size =
      b0 < 0x80
        ? 1
        : b0 >= 0xc2 && b0 <= 0xdf
          ? 2
          : b0 >= 0xe0 && b0 <= 0xef
            ? 3
            : b0 >= 0xf0 && b0 <= 0xf4
              ? 4
              : 0;
    if (size === 0 || i + size > bytes.length) return undefined;
    let cp = size === 1 ? b0 : b0 & (0xff >> (size + 1));
    for (let k = 1; k < size; k += 1) {
      const b = bytes[i + k] ?? 0;
      if ((b & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (b & 0x3f);
    }
    const min = [0, 0, 0x80, 0x800, 0x10000][size] ?? 0;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    text += String.fromCodePoint(cp);
    i += size;
  }
  return text;
}
