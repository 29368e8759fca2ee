// Recursive-descent parser of the fleet query language (docs/query-language.md). Returns the AST
// or the first error with its exact offset; it never throws on bad input.
import type { CompareOp, Literal, QueryExpr, QueryParseResult, Span, Target } from './ast';
import { lookupField } from './fields';
import { nextToken } from './lexer';
import type { Token } from './lexer';
import { checkComparison, checkIn } from './check';
import { fault, QueryFault } from './fault';
import { isTreeRefFault, parseShortTreeRef, parseUriTreeRef } from './tree-ref';
import { parseDuration, parseIsoTime } from './time';

/** Longest query text accepted (the API refuses longer ones too). */
export const MAX_QUERY_LENGTH = 4000;
const MAX_DEPTH = 32;
const MAX_CONDITIONS = 100;
const MAX_IN_VALUES = 200;

function describe(token: Token): string {
  return token.kind === 'eof' ? 'the end of the query' : `"${token.text}"`;
}

const isKeyword = (token: Token, word: string): boolean =>
  token.kind === 'ident' && token.text.toUpperCase() === word;

class Parser {
  private token: Token;
  private depth = 0;
  private conditions = 0;

  constructor(private readonly input: string) {
    this.token = this.lex(0);
  }

  private lex(at: number): Token {
    const token = nextToken(this.input, at);
    if (token.kind === 'error') throw fault(token, token.value ?? 'Unexpected input');
    return token;
  }

  /** The token under the cursor (a call, so narrowing does not survive the parse calls before it). */
  private current(): Token {
    return this.token;
  }

  private advance(): Token {
    const current = this.token;
    this.token = this.lex(current.end);
    return current;
  }

  private expect(kind: Token['kind'], what: string): Token {
    if (this.token.kind !== kind) throw fault(this.token, `Expected ${what}, found ${describe(this.token)}`);
    return this.advance();
  }

  parseQuery(): QueryExpr | null {
    if (this.token.kind === 'eof') return null;
    const expr = this.parseOr();
    if (this.current().kind !== 'eof') {
      const hint =
        this.token.kind === 'rparen' ? 'this ")" has no "(" to close' : 'join conditions with AND or OR';
      throw fault(this.token, `Unexpected ${describe(this.token)}: ${hint}`);
    }
    return expr;
  }

  private parseOr(): QueryExpr {
    return this.parseChain('OR', 'or', () => this.parseAnd());
  }

  private parseAnd(): QueryExpr {
    return this.parseChain('AND', 'and', () => this.parseUnary());
  }

  private parseChain(word: string, kind: 'and' | 'or', next: () => QueryExpr): QueryExpr {
    const first = next();
    const items = [first];
    while (isKeyword(this.token, word)) {
      this.advance();
      items.push(next());
    }
    if (items.length === 1) return first;
    // (a AND b) AND c is a AND b AND c: the AST stays flat, so formatting is canonical.
    const flat = items.flatMap((item) => (item.kind === kind ? item.items : [item]));
    return {
      kind,
      items: flat,
      span: { start: first.span.start, end: items.at(-1)?.span.end ?? first.span.end },
    };
  }

  private parseUnary(): QueryExpr {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw fault(this.token, `The query nests deeper than ${MAX_DEPTH} levels`);
    try {
      if (isKeyword(this.token, 'NOT')) {
        const not = this.advance();
        const operand = this.parseUnary();
        return { kind: 'not', operand, span: { start: not.start, end: operand.span.end } };
      }
      if (this.token.kind === 'lparen') {
        const open = this.advance();
        const inner = this.parseOr();
        if (this.current().kind !== 'rparen') {
          throw fault(
            this.token,
            `Expected ")" to close the "(" at ${open.start + 1}, found ${describe(this.token)}`,
          );
        }
        const close = this.advance();
        return { ...inner, span: { start: open.start, end: close.end } };
      }
      return this.parseCondition();
    } finally {
      this.depth -= 1;
    }
  }

  private parseCondition(): QueryExpr {
    const target = this.parseTarget();
    this.conditions += 1;
    if (this.conditions > MAX_CONDITIONS)
      throw fault(target.span, `A query holds at most ${MAX_CONDITIONS} conditions`);
    const start = target.span.start;
    if (isKeyword(this.token, 'NOT') || isKeyword(this.token, 'IN')) {
      const negated = isKeyword(this.token, 'NOT') ? this.advance() : undefined;
      if (negated && !isKeyword(this.token, 'IN'))
        throw fault(this.token, `Expected IN after NOT, found ${describe(this.token)}`);
      const inWord = this.advance();
      const values = this.parseList();
      checkIn(target, values, inWord);
      const span = { start, end: this.lastEnd };
      const expr: QueryExpr = { kind: 'in', target, values, span };
      return negated ? { kind: 'not', operand: expr, span } : expr;
    }
    if (this.token.kind !== 'op') {
      // A bare boolean field reads as `online = true`.
      if (target.kind === 'field' && target.name === 'online') {
        const value: Literal = { kind: 'boolean', value: true, span: target.span };
        return { kind: 'compare', target, op: '=', value, span: target.span };
      }
      throw fault(
        this.token,
        `Expected an operator (= != < <= > >= ~ !~ IN) after ${describeTarget(target)}, found ${describe(this.token)}`,
      );
    }
    const opToken = this.advance();
    const op = opToken.text as CompareOp;
    const value =
      target.kind === 'profile' ? this.parseProfileStatus(op) : this.parseLiteral(`a value after ${op}`);
    checkComparison(target, op, value, opToken);
    return { kind: 'compare', target, op, value, span: { start, end: value.span.end } };
  }

  private lastEnd = 0;

  /** `verified` or `"verified"` after `profile "<name>" =`: a status, bare or quoted. */
  private parseProfileStatus(op: CompareOp): Literal {
    const token = this.token;
    if (token.kind !== 'ident' && token.kind !== 'string')
      throw fault(token, `Expected a profile status after ${op}, found ${describe(token)}`);
    this.advance();
    const value = (token.kind === 'string' ? (token.value ?? '') : token.text).toLowerCase();
    return { kind: 'string', value, span: { start: token.start, end: token.end } };
  }

  private parseList(): Literal[] {
    this.expect('lparen', '"(" to start the IN list');
    const values = [this.parseLiteral('a value in the IN list')];
    while (this.token.kind === 'comma') {
      this.advance();
      values.push(this.parseLiteral('a value after ","'));
      const last = values.at(-1);
      if (values.length > MAX_IN_VALUES && last)
        throw fault(last.span, `An IN list holds at most ${MAX_IN_VALUES} values`);
    }
    if (this.token.kind !== 'rparen')
      throw fault(this.token, `Expected "," or ")" in the IN list, found ${describe(this.token)}`);
    this.lastEnd = this.advance().end;
    return values;
  }

  private parseTarget(): Target {
    const token = this.token;
    if (token.kind === 'tree-path') {
      this.advance();
      const parts = parseShortTreeRef(token.text.slice(1));
      if (isTreeRefFault(parts)) {
        const at = token.start + 1 + parts.index;
        throw new QueryFault(at, Math.max(1, token.end - at), parts.message);
      }
      return { kind: 'tree', ...parts, span: { start: token.start, end: token.end } };
    }
    if (token.kind === 'ident' && token.text.toLowerCase() === 'tree') {
      this.advance();
      this.expect('lbracket', '"[" after tree');
      const ref = this.expect('string', 'a quoted path such as "urn:oma:mo:oma-fumo:1.0//State"');
      const close = this.expect('rbracket', '"]"');
      const parts = parseUriTreeRef(ref.value ?? '');
      if (isTreeRefFault(parts)) {
        // Offsets inside the string map back exactly when it has no escapes.
        const exact = ref.text.length === (ref.value ?? '').length + 2;
        const at = exact ? ref.start + 1 + parts.index : ref.start;
        throw new QueryFault(at, exact ? 1 : ref.end - ref.start, parts.message);
      }
      return { kind: 'tree', ...parts, span: { start: token.start, end: close.end } };
    }
    if (token.kind === 'ident' && token.text.toLowerCase() === 'profile') {
      this.advance();
      const name = this.expect('string', 'the quoted name of a profile, such as profile "wifi-eu"');
      if ((name.value ?? '').trim() === '') throw fault(name, 'The profile name is empty');
      return { kind: 'profile', name: name.value ?? '', span: { start: token.start, end: name.end } };
    }
    if (token.kind === 'ident') {
      const name = lookupField(token.text);
      if (!name)
        throw fault(
          token,
          `Unknown field "${token.text}": use devId, Man, Mod, FwV, label, online, lastSeen, a tree path such as @FUMO/State, profile "<name>"…`,
        );
      this.advance();
      return { kind: 'field', name, span: { start: token.start, end: token.end } };
    }
    throw fault(token, `Expected a field or tree path, found ${describe(token)}`);
  }

  private parseLiteral(what: string): Literal {
    const token = this.token;
    const span: Span = { start: token.start, end: token.end };
    switch (token.kind) {
      case 'string':
        this.advance();
        return { kind: 'string', value: token.value ?? '', span };
      case 'version':
        this.advance();
        return { kind: 'string', value: token.text, span };
      case 'number': {
        this.advance();
        const value = Number(token.text);
        if (!Number.isFinite(value)) throw fault(token, 'The number is too large');
        return { kind: 'number', value, raw: token.text, span };
      }
      case 'duration': {
        this.advance();
        const ms = parseDuration(token.text) ?? Number.NaN;
        if (!Number.isSafeInteger(ms)) throw fault(token, 'The relative time is too large');
        if (ms > 0) throw fault(token, `Relative times look back: write -${token.text}`);
        return { kind: 'duration', ms, raw: token.text, span };
      }
      case 'date': {
        this.advance();
        const ms = parseIsoTime(token.text);
        if (ms === undefined) throw fault(token, `"${token.text}" is not a valid date or time`);
        return { kind: 'date', ms, raw: token.text, span };
      }
      case 'ident': {
        const word = token.text.toLowerCase();
        if (word === 'true' || word === 'false') {
          this.advance();
          return { kind: 'boolean', value: word === 'true', span };
        }
        if (word === 'null') {
          this.advance();
          return { kind: 'null', span };
        }
        throw fault(token, `Expected ${what}; quote text values: "${token.text}"`);
      }
      case 'comma':
      case 'eof':
      case 'error':
      case 'lbracket':
      case 'lparen':
      case 'op':
      case 'rbracket':
      case 'rparen':
      case 'tree-path':
        throw fault(token, `Expected ${what}, found ${describe(token)}`);
    }
  }
}

export function describeTarget(target: Target): string {
  if (target.kind === 'profile') return `profile "${target.name}"`;
  return target.kind === 'field' ? target.name : `@${target.moid}/${target.path.join('/')}`;
}

/** Parses a fleet query; an empty (or blank) query is `expr: null`, meaning every device. */
export function parseQuery(input: string): QueryParseResult {
  if (input.length > MAX_QUERY_LENGTH) {
    return {
      ok: false,
      error: {
        offset: MAX_QUERY_LENGTH,
        length: 1,
        message: `A query is at most ${MAX_QUERY_LENGTH} characters long`,
      },
    };
  }
  try {
    return { ok: true, expr: new Parser(input).parseQuery() };
  } catch (error) {
    if (error instanceof QueryFault) {
      return { ok: false, error: { offset: error.offset, length: error.length, message: error.message } };
    }
    throw error;
  }
}
