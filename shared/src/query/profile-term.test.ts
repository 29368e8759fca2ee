// The profile status term of the fleet query: profile "<name>" = verified|pending|failed|conflicted.
import { describe, expect, it } from 'vitest';
import { formatQuery } from './format';
import { parseQuery } from './parser';

function errorOf(input: string): { offset: number; length: number; message: string } {
  const result = parseQuery(input);
  if (result.ok) throw new Error(`"${input}" parsed`);
  return result.error;
}

function format(input: string): string {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(`${result.error.message} at ${result.error.offset}`);
  return formatQuery(result.expr);
}

describe('profile "<name>" = <status>', () => {
  it('parses a bare or quoted status, any case of the keyword, with = and !=', () => {
    const result = parseQuery('PROFILE "Wifi EU" = failed');
    expect(result).toMatchObject({
      ok: true,
      expr: {
        kind: 'compare',
        target: { kind: 'profile', name: 'Wifi EU', span: { start: 0, end: 17 } },
        op: '=',
        value: { kind: 'string', value: 'failed', span: { start: 20, end: 26 } },
        span: { start: 0, end: 26 },
      },
    });
    expect(parseQuery('profile "x" != "Verified"')).toMatchObject({
      ok: true,
      expr: { op: '!=', value: { value: 'verified' } },
    });
  });

  it('formats canonically and combines with the other conditions', () => {
    expect(format('profile  "wifi-eu"=FAILED')).toBe('profile "wifi-eu" = failed');
    expect(format('Mod = "Sim-1" AND NOT (profile "a" = verified OR profile "b" != pending)')).toBe(
      'Mod = "Sim-1" AND NOT (profile "a" = verified OR profile "b" != pending)',
    );
    const text = 'profile "say \\"hi\\"" = conflicted';
    expect(format(format(text))).toBe(format(text));
  });

  it('names the offset of each mistake', () => {
    expect(errorOf('profile wifi = failed')).toMatchObject({ offset: 8, length: 4 });
    expect(errorOf('profile "" = failed')).toMatchObject({ offset: 8, message: 'The profile name is empty' });
    expect(errorOf('profile "x" = done')).toMatchObject({ offset: 14, length: 4 });
    expect(errorOf('profile "x" = done').message).toMatch(/verified, pending, failed, conflicted/);
    expect(errorOf('profile "x" ~ failed')).toMatchObject({ offset: 12, length: 1 });
    expect(errorOf('profile "x" = null')).toMatchObject({ offset: 14 });
    expect(errorOf('profile "x" IN ("failed")')).toMatchObject({ offset: 12, length: 2 });
    expect(errorOf('profile "x" =')).toMatchObject({ offset: 13 });
    expect(errorOf('profile "x"')).toMatchObject({ offset: 11 });
  });
});
