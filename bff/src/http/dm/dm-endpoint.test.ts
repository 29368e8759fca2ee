import { describe, expect, it } from 'vitest';
import { dmRouteOf } from './dm-endpoint';

describe('dmRouteOf', () => {
  it('takes POSTs to the three DM paths, with or without a query or a trailing slash', () => {
    expect(dmRouteOf('POST', '/dm')).toEqual({ kind: 'initiate', pattern: '/dm' });
    expect(dmRouteOf('POST', '/dm/?x=1')).toEqual({ kind: 'initiate', pattern: '/dm' });
    expect(dmRouteOf('POST', '/dm/s/abc_-1?nc=2')).toEqual({
      kind: 'continue',
      pattern: '/dm/s/:token',
      token: 'abc_-1',
    });
    expect(dmRouteOf('POST', '/dm/jobs/j%20k/')).toEqual({
      kind: 'job',
      pattern: '/dm/jobs/:token',
      token: 'j k',
    });
  });

  it('leaves every other request to the console app', () => {
    for (const [method, url] of [
      ['GET', '/dm'],
      ['PUT', '/dm/s/abc'],
      ['POST', '/dmx'],
      ['POST', '/dm/s/'],
      ['POST', '/dm/s/a/b'],
      ['POST', '/dm/other/abc'],
      ['POST', '/dm/s/%E0%A4%A'],
      ['POST', '/api/v1/devices'],
      [undefined, '/dm'],
    ] as const) {
      expect(dmRouteOf(method, url)).toBeUndefined();
    }
  });
});
