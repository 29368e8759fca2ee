/**
 * Names a device gives MO instances (MIIDs) and nodes (protocol §5.1, §12). They become path segments of
 * ClientURIs and keys of the stored tree, so two kinds are refused: the dot-segments "." and "..", which
 * a URL means as "this" and "the parent" and which no node may be called, and text that is not well-formed
 * Unicode: a lone surrogate (from a `\ud800` escape) cannot be written as UTF-8, and U+FFFD is what a
 * decoder leaves where the bytes it read were not UTF-8.
 */

// Without the `u` flag the pattern sees UTF-16 code units: a high surrogate not followed by a low one,
// a low one not preceded by a high one, or the replacement character.
const ILL_FORMED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/;

/** Why `name` cannot name an instance or a node, or undefined when it can. */
export function nameFault(name: string): string | undefined {
  if (name === '.' || name === '..') return `"${name}" is a dot-segment, not a name`;
  if (ILL_FORMED.test(name)) return 'not valid UTF-8 (a lone surrogate or U+FFFD)';
  return undefined;
}

/** Why `text` (a MOID, a value that becomes part of a key) is not well-formed Unicode, or undefined. */
export function textFault(text: string): string | undefined {
  return ILL_FORMED.test(text) ? 'not valid UTF-8 (a lone surrogate or U+FFFD)' : undefined;
}
