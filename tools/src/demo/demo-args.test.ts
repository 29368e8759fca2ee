import { describe, expect, it } from 'vitest';
import { parseDemoDevices } from './demo-args';

describe('DMC_DEMO_DEVICES', () => {
  it('is 0 when unset or empty, and the number given otherwise', () => {
    expect(parseDemoDevices(undefined)).toBe(0);
    expect(parseDemoDevices('')).toBe(0);
    expect(parseDemoDevices('25')).toBe(25);
    expect(parseDemoDevices('10000')).toBe(10_000);
  });

  it('refuses what is not a whole number from 0 to 10000, naming the variable', () => {
    expect(() => parseDemoDevices('many')).toThrow(/DMC_DEMO_DEVICES \(got "many"\): must be a number/);
    expect(() => parseDemoDevices('2.5')).toThrow(/whole number/);
    expect(() => parseDemoDevices('-1')).toThrow(/0 or more/);
    expect(() => parseDemoDevices('10001')).toThrow(/at most 10000/);
  });
});
