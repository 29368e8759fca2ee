import { describe, expect, it } from 'vitest';
import type { QueryExpr } from './ast';
import { formatQuery } from './format';
import { parseQuery } from './parser';

function parsed(input: string): QueryExpr | null {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(`${result.error.message} at ${result.error.offset}`);
  return result.expr;
}

function errorOf(input: string): { offset: number; length: number; message: string } {
  const result = parseQuery(input);
  if (result.ok) throw new Error(`"${input}" parsed`);
  return result.error;
}

describe('parseQuery', () => {
  it('parses the example query into a flat AND of comparisons', () => {
    const expr = parsed('Mod = "Sim-1" AND FwV < "2.0" AND lastSeen > -1h');
    expect(expr).toMatchObject({
      kind: 'and',
      items: [
        {
          kind: 'compare',
          target: { kind: 'field', name: 'Mod' },
          op: '=',
          value: { kind: 'string', value: 'Sim-1' },
        },
        { kind: 'compare', target: { name: 'FwV' }, op: '<', value: { value: '2.0' } },
        {
          kind: 'compare',
          target: { name: 'lastSeen' },
          op: '>',
          value: { kind: 'duration', ms: -3_600_000 },
        },
      ],
      span: { start: 0, end: 48 },
    });
  });

  it('gives NOT over AND over OR, and parentheses override', () => {
    expect(formatQuery(parsed('not online and label = "a" or devId ~ x1'.replace('x1', '"x1"')))).toBe(
      'NOT online = true AND label = "a" OR devId ~ "x1"',
    );
    const grouped = parsed('NOT (online OR label = "a") AND (Man = "A" OR Man = "B")');
    expect(grouped).toMatchObject({
      kind: 'and',
      items: [{ kind: 'not', operand: { kind: 'or' } }, { kind: 'or' }],
    });
  });

  it('reads fields case-insensitively, aliases, IN lists, NOT IN and null', () => {
    expect(formatQuery(parsed("model in ('A', 'B') and firmware not in (1.0, 2.0.1) and oem = null"))).toBe(
      'Mod IN ("A", "B") AND NOT FwV IN (1.0, "2.0.1") AND OEM = null',
    );
  });

  it('reads tree paths in the short and the URN form', () => {
    expect(parsed('@fumo/State = 100')).toMatchObject({
      target: { kind: 'tree', moid: 'FUMO', miid: null, path: ['State'] },
      value: { kind: 'number', value: 100 },
    });
    expect(parsed('tree["urn:oma:mo:oma-fumo:1.0//State"] != "10"')).toMatchObject({
      target: { kind: 'tree', moid: 'urn:oma:mo:oma-fumo:1.0', miid: null, path: ['State'] },
    });
    expect(parsed('tree["urn:oma:mo:oma-scomo:1.0/sw/Inventory/Deployed/*/State"] = "20"')).toMatchObject({
      target: { miid: 'sw', path: ['Inventory', 'Deployed', '*', 'State'] },
    });
    expect(formatQuery(parsed('tree["DevInfo/*/FwV"] ~ "1."'))).toBe('@DevInfo/FwV ~ "1."');
  });

  it('reads ISO dates (UTC without a zone) and relative times', () => {
    expect(parsed('createdAt >= 2026-01-31')).toMatchObject({
      value: { kind: 'date', ms: Date.UTC(2026, 0, 31) },
    });
    expect(parsed('lastSeen < 2026-01-31T10:30+02:00')).toMatchObject({
      value: { ms: Date.UTC(2026, 0, 31, 8, 30) },
    });
    expect(parsed('lastSeen > -30m')).toMatchObject({ value: { ms: -1_800_000 } });
    expect(parsed('lastSeen > "2026-01-31T00:00:00Z"')).toMatchObject({ value: { kind: 'string' } });
  });

  it('treats a blank query as no filter', () => {
    expect(parseQuery('   ')).toEqual({ ok: true, expr: null });
  });
});

describe('parseQuery errors point at the exact place', () => {
  it.each([
    ['Mod = "Sim-1" AND', 17, 'Expected a field'],
    ['Mod = "Sim-1" FwV = "1"', 14, 'join conditions with AND or OR'],
    ['Modl = "x"', 0, 'Unknown field "Modl"'],
    ['Mod = Sim', 6, 'quote text values'],
    ['Mod = "Sim', 6, 'not closed'],
    ['(Mod = "a" OR Man = "b"', 23, 'Expected ")" to close the "(" at 1'],
    ['Mod = "a")', 9, 'has no "(" to close'],
    ['online < true', 7, 'does not take <'],
    ['online = "yes"', 9, 'online = needs a value such as true or false'],
    ['label > "a"', 6, 'label does not take >'],
    ['lastSeen > 1h', 11, 'Relative times look back: write -1h'],
    ['lastSeen > 2026-02-30', 11, 'is not a valid date'],
    ['lastSeen > "yesterday"', 11, 'lastSeen > needs a value such as -1h'],
    ['Mod ~ null', 6, 'needs text to look for'],
    ['online IN ("a")', 7, 'IN works on text'],
    ['Mod IN ("a" "b")', 12, 'Expected "," or ")"'],
    ['@Nope/State = "1"', 1, 'Unknown MO "Nope"'],
    ['@FUMO = "1"', 5, 'Name a node below the MO root'],
    ['tree["urn:x:y//"] = 1', 15, 'Name a node'],
    ['Mod # "a"', 4, 'Unexpected character "#"'],
    ['Mod = "a\\q"', 8, 'Unknown escape'],
    ['Mod', 3, 'Expected an operator'],
    ['FwV < 2024-01-01T1', 6, 'is not a number, date or relative time'],
  ])('%s → offset %i', (input, offset, message) => {
    const error = errorOf(input);
    expect(error.message).toContain(message);
    expect(error.offset).toBe(offset);
    expect(error.length).toBeGreaterThanOrEqual(1);
  });

  it('covers the whole offending token', () => {
    expect(errorOf('Modl = "x"').length).toBe(4);
    expect(errorOf('lastSeen > 2026-02-30').length).toBe(10);
  });

  it('refuses very deep nesting and very long input without throwing', () => {
    expect(errorOf(`${'('.repeat(40)}online${')'.repeat(40)}`).message).toContain('nests deeper');
    expect(errorOf(`Mod = "${'x'.repeat(5000)}"`).message).toContain('at most 4000');
  });
});
