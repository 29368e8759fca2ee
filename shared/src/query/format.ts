// Canonical text of a query AST: canonical field names, double-quoted strings, parentheses only
// where precedence needs them. format(parse(x)) is stable: formatting it again gives the same text.
import type { Literal, QueryExpr, Target } from './ast';
import { isUrn, SHORT_SEGMENT } from './tree-ref';

const ESCAPED: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

export function quoteString(value: string): string {
  return `"${value.replace(/[\\"\n\r\t]/g, (ch) => ESCAPED[ch] ?? ch)}"`;
}

export function formatTarget(target: Target): string {
  if (target.kind === 'field') return target.name;
  if (target.kind === 'profile') return `profile ${quoteString(target.name)}`;
  if (!isUrn(target.moid) && target.miid === null && target.path.every((s) => SHORT_SEGMENT.test(s))) {
    return `@${target.moid}/${target.path.join('/')}`;
  }
  return `tree[${quoteString(`${target.moid}/${target.miid ?? ''}/${target.path.join('/')}`)}]`;
}

export function formatLiteral(literal: Literal): string {
  switch (literal.kind) {
    case 'string':
      return quoteString(literal.value);
    case 'number':
    case 'duration':
    case 'date':
      return literal.raw;
    case 'boolean':
      return String(literal.value);
    case 'null':
      return 'null';
  }
}

function grouped(expr: QueryExpr, parentIsAnd: boolean): string {
  const text = formatExpr(expr);
  const needs = expr.kind === 'or' || (!parentIsAnd && expr.kind === 'and');
  return needs ? `(${text})` : text;
}

function formatExpr(expr: QueryExpr): string {
  switch (expr.kind) {
    case 'or':
      return expr.items.map(formatExpr).join(' OR ');
    case 'and':
      return expr.items.map((item) => grouped(item, true)).join(' AND ');
    case 'not':
      return `NOT ${grouped(expr.operand, false)}`;
    case 'compare':
      // A profile status is a bare word: profile "wifi-eu" = failed.
      if (expr.target.kind === 'profile' && expr.value.kind === 'string')
        return `${formatTarget(expr.target)} ${expr.op} ${expr.value.value}`;
      return `${formatTarget(expr.target)} ${expr.op} ${formatLiteral(expr.value)}`;
    case 'in':
      return `${formatTarget(expr.target)} IN (${expr.values.map(formatLiteral).join(', ')})`;
  }
}

/** The canonical text of `expr`; '' for the empty query. */
export function formatQuery(expr: QueryExpr | null): string {
  return expr === null ? '' : formatExpr(expr);
}
