import { describe, expect, it } from 'vitest';
import { demoServerEnv, parseDemoDevices } from './demo-args';

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

describe('the demo server environment', () => {
  it('lets push URLs name 127.0.0.1, where the demo devices listen, unless told otherwise', () => {
    expect(demoServerEnv({ DMC_PORT: '9000' }, 25)).toEqual({
      DMC_PORT: '9000',
      DMC_PUSH_ALLOW_PRIVATE: '1',
    });
    expect(demoServerEnv({ DMC_PUSH_ALLOW_PRIVATE: '0' }, 25).DMC_PUSH_ALLOW_PRIVATE).toBe('0');
    expect(demoServerEnv({}, 0).DMC_PUSH_ALLOW_PRIVATE).toBeUndefined();
  });
});
