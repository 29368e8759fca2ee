import { describe, expect, it } from 'vitest';
import { formatDuration, splitRedacted } from './format';

describe('session inspector formatting', () => {
  it('words durations', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(2345)).toBe('2.3 s');
    expect(formatDuration(245_000)).toBe('4 min 5 s');
  });

  it('cuts pretty JSON at each redacted value', () => {
    const parts = splitRedacted({ a: '<redacted>', b: 'x/<redacted>' });
    expect(parts.filter((p) => p.redacted)).toHaveLength(2);
    expect(parts.map((p) => p.text).join('')).toBe(
      JSON.stringify({ a: '<redacted>', b: 'x/<redacted>' }, null, 2),
    );
  });
});
