import { describe, expect, it } from 'vitest';
import { describeCompatibility, parseCompatibility } from './compatibility';

describe('artifact compatibility in the console', () => {
  it('reads comma-separated values per field, trimmed and without repeats', () => {
    expect(parseCompatibility({ Man: ' Acme ', Mod: 'Sim-1, Sim-2,,Sim-1', HwV: '' })).toEqual({
      Man: ['Acme'],
      Mod: ['Sim-1', 'Sim-2'],
    });
    expect(parseCompatibility({ Man: ' , ', Mod: '', HwV: '' })).toBeUndefined();
  });

  it('describes the lists, or any device', () => {
    expect(describeCompatibility({ Mod: ['Sim-1', 'Sim-2'], HwV: ['A'] })).toBe('Mod: Sim-1, Sim-2 · HwV: A');
    expect(describeCompatibility(null)).toBe('any device');
  });
});
