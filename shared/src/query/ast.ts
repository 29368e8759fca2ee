// The fleet query AST (docs/query-language.md). Every node carries the span of source text it came
// from, so errors and highlights point at the exact characters.
import type { FieldName } from './fields';

/** Half-open range of UTF-16 offsets into the query text. */
export interface Span {
  start: number;
  end: number;
}

export interface FieldTarget {
  kind: 'field';
  name: FieldName;
  span: Span;
}

/**
 * A reported tree value: `moid` is a URN or a meta-data Root alias (DevInfo, FUMO…), `miid` null
 * for any instance, `path` the segments below the MO root; a `*` segment matches any one name.
 */
export interface TreeTarget {
  kind: 'tree';
  moid: string;
  miid: string | null;
  path: string[];
  span: Span;
}

/**
 * A device's status in one configuration profile, named case-insensitively: `profile "wifi-eu"`.
 * It is compared with `=` or `!=` against a status (a string literal holding it).
 */
export interface ProfileTarget {
  kind: 'profile';
  name: string;
  span: Span;
}

export type Target = FieldTarget | TreeTarget | ProfileTarget;

export type Literal =
  | { kind: 'string'; value: string; span: Span }
  /** `raw` keeps the digits as written: text fields compare against it. */
  | { kind: 'number'; value: number; raw: string; span: Span }
  | { kind: 'boolean'; value: boolean; span: Span }
  | { kind: 'null'; span: Span }
  /** A time relative to now: `-1h` is `{ ms: -3600000, raw: '-1h' }`. */
  | { kind: 'duration'; ms: number; raw: string; span: Span }
  /** An ISO 8601 date or date-time; no zone means UTC. */
  | { kind: 'date'; ms: number; raw: string; span: Span };

export const COMPARE_OPS = ['=', '!=', '<', '<=', '>', '>=', '~', '!~'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

export type QueryExpr =
  | { kind: 'and'; items: QueryExpr[]; span: Span }
  | { kind: 'or'; items: QueryExpr[]; span: Span }
  | { kind: 'not'; operand: QueryExpr; span: Span }
  | { kind: 'compare'; target: Target; op: CompareOp; value: Literal; span: Span }
  | { kind: 'in'; target: Target; values: Literal[]; span: Span };

/** A parse or type error at `offset` (UTF-16 index) covering `length` characters (at least 1). */
export interface QueryError {
  offset: number;
  length: number;
  message: string;
}

export type QueryParseResult = { ok: true; expr: QueryExpr | null } | { ok: false; error: QueryError };
