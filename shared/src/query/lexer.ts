// Splits a fleet query into tokens with their offsets. Also used by the console to highlight the
// query as typed, so it never throws: a bad character becomes an `error` token.

export type TokenKind =
  | 'ident'
  | 'string'
  | 'number'
  | 'version'
  | 'duration'
  | 'date'
  | 'tree-path'
  | 'op'
  | 'lparen'
  | 'rparen'
  | 'lbracket'
  | 'rbracket'
  | 'comma'
  | 'error'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  start: number;
  end: number;
  /** string: the unescaped value; error: the message. */
  value?: string;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const DATE =
  /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![A-Za-z0-9_.:-])/y;
const DURATION = /-?\d+[smhdw](?![A-Za-z0-9_])/y;
const NUMBER = /-?\d+(?:\.\d+)*(?![A-Za-z0-9_:-])/y;
const TREE_PATH = /@[A-Za-z0-9_.*/-]*/y;
const OPS = ['!=', '<=', '>=', '!~', '=', '<', '>', '~'] as const;
const SINGLE: Readonly<Record<string, TokenKind>> = {
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbracket',
  ']': 'rbracket',
  ',': 'comma',
};
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  '"': '"',
  "'": "'",
  n: '\n',
  r: '\r',
  t: '\t',
};

function matchAt(re: RegExp, input: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(input)?.[0];
}

function lexString(input: string, start: number): Token {
  const quote = input.charAt(start);
  let value = '';
  let i = start + 1;
  while (i < input.length) {
    const ch = input.charAt(i);
    if (ch === quote) return { kind: 'string', text: input.slice(start, i + 1), start, end: i + 1, value };
    if (ch === '\\') {
      const escaped = ESCAPES[input.charAt(i + 1)];
      if (escaped === undefined) {
        return {
          kind: 'error',
          text: input.slice(i, i + 2),
          start: i,
          end: i + 2,
          value: 'Unknown escape in the string: use \\" \\\\ \\n or \\t',
        };
      }
      value += escaped;
      i += 2;
      continue;
    }
    value += ch;
    i += 1;
  }
  return {
    kind: 'error',
    text: input.slice(start),
    start,
    end: input.length,
    value: 'The string is not closed: add the closing quote',
  };
}

function lexNumeric(input: string, start: number): Token | undefined {
  const date = matchAt(DATE, input, start);
  if (date) return { kind: 'date', text: date, start, end: start + date.length };
  const duration = matchAt(DURATION, input, start);
  if (duration) return { kind: 'duration', text: duration, start, end: start + duration.length };
  const number = matchAt(NUMBER, input, start);
  if (number) {
    const kind = number.split('.').length > 2 ? 'version' : 'number';
    return { kind, text: number, start, end: start + number.length };
  }
  return undefined;
}

/** The next token at or after `at` (whitespace skipped). */
export function nextToken(input: string, at: number): Token {
  let start = at;
  while (start < input.length && /\s/.test(input.charAt(start))) start += 1;
  if (start >= input.length) return { kind: 'eof', text: '', start: input.length, end: input.length };
  const ch = input.charAt(start);
  const single = SINGLE[ch];
  if (single) return { kind: single, text: ch, start, end: start + 1 };
  if (ch === '"' || ch === "'") return lexString(input, start);
  if (ch === '@') {
    const path = matchAt(TREE_PATH, input, start) ?? '@';
    return { kind: 'tree-path', text: path, start, end: start + path.length };
  }
  if (/[0-9-]/.test(ch)) {
    const numeric = lexNumeric(input, start);
    if (numeric) return numeric;
  }
  const ident = matchAt(IDENT, input, start);
  if (ident) return { kind: 'ident', text: ident, start, end: start + ident.length };
  const op = OPS.find((o) => input.startsWith(o, start));
  if (op) return { kind: 'op', text: op, start, end: start + op.length };
  const bad = /[0-9]/.test(ch) ? (/^[0-9A-Za-z_.:-]+/.exec(input.slice(start))?.[0] ?? ch) : ch;
  return {
    kind: 'error',
    text: bad,
    start,
    end: start + bad.length,
    value: /[0-9]/.test(ch)
      ? `"${bad}" is not a number, date or relative time (such as -1h); quote text values`
      : `Unexpected character "${ch}"`,
  };
}

/** Every token of `input`, ending with `eof`; lexing goes on past errors (for highlighting). */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (;;) {
    const token = nextToken(input, at);
    tokens.push(token);
    if (token.kind === 'eof') return tokens;
    at = Math.max(token.end, token.start + 1);
  }
}
