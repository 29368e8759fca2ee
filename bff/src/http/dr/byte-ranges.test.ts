import { describe, expect, it } from 'vitest';
import { ifRangeMatches, isNotModified, noneMatchFails, parseByteRange } from './byte-ranges';

const ETAG = '"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"';
const MODIFIED = new Date('2026-03-01T12:00:00.750Z');
const HTTP_DATE = 'Sun, 01 Mar 2026 12:00:00 GMT';

describe('parseByteRange', () => {
  it.each([
    ['bytes=10-19', { kind: 'partial', start: 10, end: 19 }],
    ['bytes=0-0', { kind: 'partial', start: 0, end: 0 }],
    ['bytes=100-', { kind: 'partial', start: 100, end: 999 }],
    ['bytes=-5', { kind: 'partial', start: 995, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=990-5000', { kind: 'partial', start: 990, end: 999 }],
    ['BYTES = 10-19 ', { kind: 'partial', start: 10, end: 19 }],
    ['bytes=10-19,', { kind: 'partial', start: 10, end: 19 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=1000-1001', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=99999999999999999999999-', { kind: 'unsatisfiable' }],
  ])('%s of 1000 bytes → %o', (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });

  it.each([
    undefined,
    'bytes=0-9, 20-29',
    'bytes=0-9,-5',
    'bytes=19-10',
    'bytes=-',
    'bytes=',
    'bytes=a-b',
    'bytes=1.5-3',
    'items=0-9',
    '0-9',
  ])('serves the whole representation for %s', (header) => {
    expect(parseByteRange(header, 1000)).toEqual({ kind: 'full' });
  });
});

describe('conditional requests', () => {
  it('If-None-Match compares weakly and accepts lists and *', () => {
    expect(noneMatchFails(ETAG, ETAG)).toBe(true);
    expect(noneMatchFails(`"a", W/${ETAG}`, ETAG)).toBe(true);
    expect(noneMatchFails('*', ETAG)).toBe(true);
    expect(noneMatchFails('"a", "b"', ETAG)).toBe(false);
    expect(noneMatchFails(undefined, ETAG)).toBe(false);
  });

  it('isNotModified uses If-Modified-Since only without If-None-Match', () => {
    expect(isNotModified({ 'if-modified-since': HTTP_DATE }, ETAG, MODIFIED)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Sun, 01 Mar 2026 11:59:59 GMT' }, ETAG, MODIFIED)).toBe(
      false,
    );
    expect(isNotModified({ 'if-modified-since': 'not a date' }, ETAG, MODIFIED)).toBe(false);
    expect(
      isNotModified({ 'if-none-match': '"other"', 'if-modified-since': HTTP_DATE }, ETAG, MODIFIED),
    ).toBe(false);
    expect(isNotModified({}, ETAG, MODIFIED)).toBe(false);
  });

  it('If-Range matches a strong identical ETag or the exact Last-Modified date', () => {
    expect(ifRangeMatches(undefined, ETAG, MODIFIED)).toBe(true);
    expect(ifRangeMatches(ETAG, ETAG, MODIFIED)).toBe(true);
    expect(ifRangeMatches(`W/${ETAG}`, ETAG, MODIFIED)).toBe(false);
    expect(ifRangeMatches('"other"', ETAG, MODIFIED)).toBe(false);
    expect(ifRangeMatches(HTTP_DATE, ETAG, MODIFIED)).toBe(true);
    expect(ifRangeMatches('Sun, 01 Mar 2026 12:00:01 GMT', ETAG, MODIFIED)).toBe(false);
  });
});
