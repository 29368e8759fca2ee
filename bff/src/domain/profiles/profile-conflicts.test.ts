import { describe, expect, it } from 'vitest';
import { profileConflicts, winsOver, type ConflictCandidate } from './profile-conflicts';

const T = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

function candidate(id: string, nodes: Record<string, string>, extra: Partial<ConflictCandidate> = {}) {
  return {
    id,
    name: `name-${id}`,
    priority: 0,
    createdAt: T(0),
    enabled: true,
    nodes: Object.entries(nodes).map(([uri, value]) => ({ uri, value })),
    ...extra,
  } satisfies ConflictCandidate;
}

describe('profile conflicts', () => {
  it('lists a node set to different values on both profiles, the higher priority winning', () => {
    const eu = candidate('eu', { './Wifi/Region': 'eu', './Wifi/Band': '5' }, { priority: 10 });
    const us = candidate('us', { './Wifi/Region': 'us', './Wifi/Band': '5' });
    const other = candidate('other', { './Other': 'x' });
    const conflicts = profileConflicts([eu, us, other]);
    expect(conflicts.get('eu')).toEqual([
      { uri: './Wifi/Region', profileId: 'us', profileName: 'name-us', wins: true },
    ]);
    expect(conflicts.get('us')).toEqual([
      { uri: './Wifi/Region', profileId: 'eu', profileName: 'name-eu', wins: false },
    ]);
    expect(conflicts.get('other')).toEqual([]);
  });

  it('breaks a priority tie by age, then id, and names every other holder in order', () => {
    const older = candidate('b', { './N': '1' }, { createdAt: T(0) });
    const newer = candidate('a', { './N': '2' }, { createdAt: T(5) });
    const twin = candidate('c', { './N': '3' }, { createdAt: T(5) });
    expect(winsOver(older, newer)).toBe(true);
    expect(winsOver(newer, twin)).toBe(true);
    expect(winsOver(twin, newer)).toBe(false);
    const conflicts = profileConflicts([older, newer, twin]);
    expect(conflicts.get('a')?.map((c) => [c.profileId, c.wins])).toEqual([
      ['b', false],
      ['c', true],
    ]);
    expect(conflicts.get('b')?.every((c) => c.wins)).toBe(true);
  });

  it('ignores equal values and disabled profiles', () => {
    const a = candidate('a', { './N': '1' });
    const same = candidate('same', { './N': '1' });
    const off = candidate('off', { './N': '2' }, { enabled: false, priority: 100 });
    const conflicts = profileConflicts([a, same, off]);
    expect([...conflicts.values()].flat()).toEqual([]);
  });
});
