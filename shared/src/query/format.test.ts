import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompareOp, Literal, QueryExpr, Target } from './ast';
import { FIELD_NAMES, QUERY_FIELDS } from './fields';
import { formatQuery } from './format';
import { parseQuery } from './parser';

const SPAN = { start: 0, end: 0 };

/** The AST without spans, for structural comparison. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'span')
        .map(([k, v]) => [k, strip(v)]),
    );
  }
  return value;
}

const text = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', ' ', '"', "'", '\\', '\n', '-', '.', 'é', '/', '*'),
});
const stringLit = text.map((value): Literal => ({ kind: 'string', value, span: SPAN }));
const numberLit = fc
  .tuple(fc.boolean(), fc.nat(99999), fc.option(fc.nat(999), { nil: undefined }))
  .map(([neg, int, frac]): Literal => {
    const raw = `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`;
    return { kind: 'number', value: Number(raw), raw, span: SPAN };
  });
const textual = fc.oneof(stringLit, numberLit);
const durationLit = fc
  .tuple(fc.nat(1000), fc.constantFrom('s', 'm', 'h', 'd', 'w'))
  .map(([n, unit]): Literal => {
    const raw = `-${n}${unit}`;
    const perUnit = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8 }[unit];
    return { kind: 'duration', ms: n === 0 ? -0 : -n * perUnit, raw, span: SPAN };
  });
const dateLit = fc
  .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
  .map((d): Literal => {
    const raw = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return { kind: 'date', ms: Date.parse(raw), raw, span: SPAN };
  });

const segment = fc.oneof(
  fc.constantFrom('State', 'PkgName', 'Download', '*', 'x-1', 'Ext'),
  text.filter((s) => s !== '' && !s.includes('/')),
);
const treeTarget = fc
  .record({
    moid: fc.constantFrom('FUMO', 'DevInfo', 'SCOMO', 'urn:oma:mo:oma-fumo:1.0', 'urn:x-acme:mo:thing:1.0'),
    miid: fc.option(fc.constantFrom('fw', 'd1', 'a b'), { nil: null }),
    path: fc.array(segment, { minLength: 1, maxLength: 3 }),
  })
  .map((t): Target => ({ kind: 'tree', ...t, span: SPAN }));

const TEXT_OPS: CompareOp[] = ['=', '!=', '<', '<=', '>', '>=', '~', '!~'];
const ORDER_OPS: CompareOp[] = ['=', '!=', '<', '<=', '>', '>='];

function compare(target: Target, op: CompareOp, value: Literal): QueryExpr {
  return { kind: 'compare', target, op, value, span: SPAN };
}

const fieldTarget = (name: (typeof FIELD_NAMES)[number]): Target => ({ kind: 'field', name, span: SPAN });
const textFields = FIELD_NAMES.filter((n) => QUERY_FIELDS[n].kind === 'text');

const condition: fc.Arbitrary<QueryExpr> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...textFields), fc.constantFrom(...TEXT_OPS), textual)
    .map(([n, op, v]) => compare(fieldTarget(n), op, v)),
  fc
    .tuple(fc.constantFrom<CompareOp>('=', '!=', '~', '!~'), textual)
    .map(([op, v]) => compare(fieldTarget('label'), op, v)),
  fc
    .tuple(fc.constantFrom<CompareOp>('=', '!='), fc.boolean())
    .map(([op, value]) => compare(fieldTarget('online'), op, { kind: 'boolean', value, span: SPAN })),
  fc
    .tuple(
      fc.constantFrom('lastSeen', 'createdAt' as const),
      fc.constantFrom(...ORDER_OPS),
      fc.oneof(durationLit, dateLit),
    )
    .map(([n, op, v]) => compare(fieldTarget(n), op, v)),
  fc.tuple(treeTarget, fc.constantFrom(...TEXT_OPS), textual).map(([t, op, v]) => compare(t, op, v)),
  fc
    .tuple(fc.constantFrom<CompareOp>('=', '!='), fc.oneof(treeTarget, fc.constant(fieldTarget('Mod'))))
    .map(([op, t]) => compare(t, op, { kind: 'null', span: SPAN })),
  fc
    .tuple(
      fc.oneof(treeTarget, fc.constant(fieldTarget('label'))),
      fc.array(textual, { minLength: 1, maxLength: 4 }),
    )
    .map(([target, values]): QueryExpr => ({ kind: 'in', target, values, span: SPAN })),
);

const expr: fc.Arbitrary<QueryExpr> = fc.letrec<{
  e: QueryExpr;
  and: QueryExpr;
  or: QueryExpr;
  not: QueryExpr;
}>((tie) => ({
  e: fc.oneof({ depthSize: 'small', withCrossShrink: true }, condition, tie('and'), tie('or'), tie('not')),
  // Nested lists of the same kind are flattened by the parser, so the generator never makes them.
  and: fc
    .array(
      tie('e').filter((e) => e.kind !== 'and'),
      { minLength: 2, maxLength: 3 },
    )
    .map((items): QueryExpr => ({ kind: 'and', items, span: SPAN })),
  or: fc
    .array(
      tie('e').filter((e) => e.kind !== 'or'),
      { minLength: 2, maxLength: 3 },
    )
    .map((items): QueryExpr => ({ kind: 'or', items, span: SPAN })),
  not: tie('e').map((operand): QueryExpr => ({ kind: 'not', operand, span: SPAN })),
})).e;

describe('formatQuery', () => {
  it('round-trips: parse(format(ast)) is the AST, and formatting again is stable', () => {
    fc.assert(
      fc.property(expr, (ast) => {
        const text1 = formatQuery(ast);
        const result = parseQuery(text1);
        if (!result.ok) throw new Error(`${text1}\n${result.error.message} at ${result.error.offset}`);
        expect(strip(result.expr)).toEqual(strip(ast));
        expect(formatQuery(result.expr)).toBe(text1);
      }),
      { numRuns: 400 },
    );
  });

  it('is stable on arbitrary text that parses', () => {
    const noisy = fc.string({
      unit: fc.constantFrom(
        'Mod',
        ' ',
        '=',
        '"a"',
        'AND',
        'OR',
        'NOT',
        '(',
        ')',
        '@FUMO/State',
        '1',
        '-1h',
        'online',
        'IN',
        ',',
        'label',
        '~',
      ),
    });
    fc.assert(
      fc.property(noisy, (input) => {
        const first = parseQuery(input);
        if (!first.ok) {
          expect(first.error.offset).toBeGreaterThanOrEqual(0);
          expect(first.error.offset).toBeLessThanOrEqual(input.length);
          return;
        }
        const text1 = formatQuery(first.expr);
        const second = parseQuery(text1);
        expect(second.ok).toBe(true);
        if (second.ok) expect(formatQuery(second.expr)).toBe(text1);
      }),
      { numRuns: 1000 },
    );
  });
});
