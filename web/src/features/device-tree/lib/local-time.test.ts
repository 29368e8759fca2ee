import { describe, expect, it } from 'vitest';
import { fromLocalInput, justBefore, toLocalInput } from './local-time';

describe('history times', () => {
  it('round-trips an ISO time through a datetime-local value', () => {
    const iso = '2026-03-04T05:06:07.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });
  it('reads an empty or broken input as no time', () => {
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('not a time')).toBeUndefined();
    expect(toLocalInput('nope')).toBe('');
  });
  it('gives the instant just before a change', () => {
    expect(justBefore('2026-03-04T05:06:07.000Z')).toBe('2026-03-04T05:06:06.999Z');
  });
});
