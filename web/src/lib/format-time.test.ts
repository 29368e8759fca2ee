import { describe, expect, it } from 'vitest';
import { formatRelative } from './format-time';

const NOW = Date.parse('2030-01-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

describe('formatRelative', () => {
  it('says "just now" for the last few seconds', () => {
    expect(formatRelative(ago(10), NOW)).toBe('just now');
    expect(formatRelative(ago(-20), NOW)).toBe('just now');
  });
  it('counts minutes, hours and days in the past', () => {
    expect(formatRelative(ago(3 * 60 + 20), NOW)).toBe('3 min ago');
    expect(formatRelative(ago(2 * 3600 + 5), NOW)).toBe('2 h ago');
    expect(formatRelative(ago(3 * 86400), NOW)).toBe('3 d ago');
  });
  it('speaks of the future for times ahead', () => {
    expect(formatRelative(ago(-10 * 60), NOW)).toBe('in 10 min');
  });
  it('shows a dash for an unreadable time', () => {
    expect(formatRelative('not a date', NOW)).toBe('—');
  });
});
