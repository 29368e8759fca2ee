// Splits a fleet query into coloured segments for the query bar, marking the error range (if
// any) so the mistake is underlined where it is.
import { lookupField, tokenize } from '@dmc/shared/query';
import type { QueryError, Token } from '@dmc/shared/query';

export type SegmentKind =
  'plain' | 'field' | 'keyword' | 'string' | 'number' | 'tree' | 'operator' | 'invalid';

export interface Segment {
  text: string;
  kind: SegmentKind;
  isError: boolean;
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'TRUE', 'FALSE', 'NULL', 'TREE']);

function kindOf(token: Token): SegmentKind {
  switch (token.kind) {
    case 'ident':
      if (KEYWORDS.has(token.text.toUpperCase())) return 'keyword';
      return lookupField(token.text) ? 'field' : 'plain';
    case 'string':
      return 'string';
    case 'number':
    case 'version':
    case 'duration':
    case 'date':
      return 'number';
    case 'tree-path':
      return 'tree';
    case 'op':
      return 'operator';
    case 'error':
      return 'invalid';
    case 'lparen':
    case 'rparen':
    case 'lbracket':
    case 'rbracket':
    case 'comma':
    case 'eof':
      return 'plain';
  }
}

/** Coloured segments covering `text` exactly, plus a trailing marker when the error is at the end. */
export function highlightQuery(text: string, error: QueryError | null): Segment[] {
  const kinds: SegmentKind[] = new Array<SegmentKind>(text.length).fill('plain');
  for (const token of tokenize(text)) {
    const kind = kindOf(token);
    for (let i = token.start; i < token.end && i < text.length; i += 1) kinds[i] = kind;
  }
  const inError = (i: number): boolean =>
    error !== null && i >= error.offset && i < error.offset + error.length;
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const kind = kinds[i] ?? 'plain';
    const isError = inError(i);
    const last = segments.at(-1);
    if (last && last.kind === kind && last.isError === isError) last.text += text.charAt(i);
    else segments.push({ text: text.charAt(i), kind, isError });
  }
  // An error at the very end ("expected a value") still needs something to underline.
  if (error !== null && error.offset >= text.length)
    segments.push({ text: '\u00a0', kind: 'plain', isError: true });
  return segments;
}
