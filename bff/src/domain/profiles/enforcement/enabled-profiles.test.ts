import { describe, expect, it } from 'vitest';
import type { ProfileRow } from '../../../persistence/ports';
import { createEnabledProfileCache, toEnabledProfiles } from './enabled-profiles';

const URI = 'urn:oma:mo:oma-fumo:1.0/fw/PkgName';

function row(id: string, fields: Partial<ProfileRow> = {}): ProfileRow {
  return {
    id,
    name: id,
    query: '',
    priority: 0,
    nodes: [{ uri: URI, value: id }],
    execs: [],
    enabled: true,
    driftRetries: 3,
    revision: 1,
    createdBy: 'admin',
    createdAt: new Date('2026-12-01T00:00:00Z'),
    updatedAt: new Date('2026-12-01T00:00:00Z'),
    ...fields,
  };
}

describe('enabled profiles', () => {
  it('orders by priority, then age, skips disabled profiles and queries that no longer parse', () => {
    const older = new Date('2026-11-01T00:00:00Z');
    const enabled = toEnabledProfiles([
      row('low', { priority: 1 }),
      row('tie-new', { priority: 5 }),
      row('tie-old', { priority: 5, createdAt: older }),
      row('off', { priority: 9, enabled: false }),
      row('broken', { priority: 9, query: 'Mod = ' }),
    ]);
    expect(enabled.profiles.map((p) => p.id)).toEqual(['tie-old', 'tie-new', 'low']);
    expect(enabled.uris.get(URI)).toMatchObject({
      moid: 'urn:oma:mo:oma-fumo:1.0',
      instance: { kind: 'miid', miid: 'fw' },
    });
  });

  it('checks a query shared by several profiles once', () => {
    const enabled = toEnabledProfiles([
      row('a', { query: 'Mod = "X"', priority: 3 }),
      row('b', { query: 'Mod = "X" ', priority: 2 }),
      row('c', { query: 'Mod = "Y"', priority: 1 }),
    ]);
    expect(enabled.matchers.map((m) => m.profileId)).toEqual(['a', 'c']);
    expect(enabled.sharing.get('a')).toEqual(['a', 'b']);
  });

  it('reads again when older than its age, or at once after invalidate', async () => {
    let now = 0;
    let reads = 0;
    const repos = {
      profiles: {
        listEnabled: () => {
          reads += 1;
          return Promise.resolve([row(`p${reads}`)]);
        },
      },
    } as unknown as Parameters<ReturnType<typeof createEnabledProfileCache>['get']>[0];
    const cache = createEnabledProfileCache({ now: () => new Date(now) }, { maxAgeMs: 1000 });
    expect((await cache.get(repos)).profiles.map((p) => p.id)).toEqual(['p1']);
    now = 999;
    expect((await cache.get(repos)).profiles.map((p) => p.id)).toEqual(['p1']);
    now = 1000;
    expect((await cache.get(repos)).profiles.map((p) => p.id)).toEqual(['p2']);
    cache.invalidate();
    expect((await cache.get(repos)).profiles.map((p) => p.id)).toEqual(['p3']);
    expect(reads).toBe(3);
  });
});
