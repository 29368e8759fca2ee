import { describe, expect, it } from 'vitest';
import { nameFault, textFault } from './names';

describe('names (protocol §12)', () => {
  it.each([['.'], ['..']])('refuses the dot-segment %j', (name) => {
    expect(nameFault(name)).toMatch(/dot-segment/);
    expect(textFault(name)).toBeUndefined();
  });
  it.each([
    ['a lone high surrogate', 'a\ud800'],
    ['a lone low surrogate', '\udc00a'],
    ['two high surrogates', '\ud800\ud800\udc00'],
    ['the replacement character', 'x\ufffdy'],
  ])('refuses %s', (_label, name) => {
    expect(nameFault(name)).toMatch(/not valid UTF-8/);
    expect(textFault(name)).toMatch(/not valid UTF-8/);
  });
  it.each([['d1'], ['...'], ['.hidden'], ['a..b'], ['Ünïcødé'], ['😀'], ['']])('accepts %j', (name) => {
    expect(nameFault(name)).toBeUndefined();
  });
});
