import { describe, expect, it } from 'vitest';
import { accepts, mediaTypeOf } from './media';

describe('DM media checks', () => {
  it('reads the bare media type', () => {
    expect(mediaTypeOf('Application/Vnd.OMA.DM.Initiation+JSON; charset=utf-8')).toBe(
      'application/vnd.oma.dm.initiation+json',
    );
    expect(mediaTypeOf(undefined)).toBeUndefined();
  });

  it.each([
    [undefined, true],
    ['application/vnd.oma.dm.request+json', true],
    ['*/*', true],
    ['application/*', true],
    ['text/html, application/vnd.oma.dm.request+json;q=0.5', true],
    ['application/json', false],
    ['application/vnd.oma.dm.request+json;q=0', false],
    ['text/*', false],
  ])('Accept %s → %s', (header, expected) => {
    expect(accepts(header, 'application/vnd.oma.dm.request+json')).toBe(expected);
  });
});
