import { describe, expect, it } from 'vitest';
import type { AlertPage, AlertRecord } from '@dmc/shared/api';
import { patchPage, withReceived } from './alerts';

const base = (id: string): AlertRecord => ({
  id,
  devId: 'd',
  sessionId: null,
  alertType: 't',
  sourceUri: null,
  targetUri: null,
  mark: 'minor',
  dataType: null,
  data: null,
  receivedAt: '2026-03-01T00:00:00Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  count: 1,
  firstAt: '2026-03-01T00:00:00Z',
  lastAt: '2026-03-01T00:00:00Z',
  sessionStart: false,
});

describe('patchPage', () => {
  const page: AlertPage = { items: [base('a'), base('b'), base('c')], nextCursor: 'n' };
  const acked = { ...base('b'), acknowledgedAt: '2026-03-01T00:01:00Z', acknowledgedBy: 'ann' };

  it('drops acknowledged alerts from a list of open ones', () => {
    expect(patchPage(page, new Map([['b', acked]]), true).items.map((a) => a.id)).toEqual(['a', 'c']);
  });

  it('replaces them in place elsewhere, and keeps the page when none is listed', () => {
    expect(patchPage(page, new Map([['b', acked]]), false).items[1]).toEqual(acked);
    expect(patchPage(page, new Map([['z', acked]]), true)).toBe(page);
  });
});

describe('withReceived', () => {
  const page: AlertPage = { items: [base('a'), base('b')], nextCursor: null };

  it('updates a coalesced row where it stands instead of adding a row', () => {
    const grown = {
      ...base('b'),
      count: 4,
      lastAt: '2026-03-01T00:05:00Z',
      receivedAt: '2026-03-01T00:05:00Z',
    };
    const next = withReceived(page, grown);
    expect(next.items.map((a) => [a.id, a.count])).toEqual([
      ['a', 1],
      ['b', 4],
    ]);
  });

  it('puts a new row first', () => {
    expect(withReceived(page, base('n')).items.map((a) => a.id)).toEqual(['n', 'a', 'b']);
  });
});
