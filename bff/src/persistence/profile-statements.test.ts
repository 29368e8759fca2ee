// A device's membership in every enabled profile is one statement whatever the number of profiles
// (the session's point check, protocol §14), and a membership sweep runs a fixed number of
// statements per chunk of devices (read the chunk, add, remove, restart older revisions), never one
// per device.
import { parseQuery } from '@dmc/shared/query';
import { afterAll, describe, expect, it } from 'vitest';
import { at, makeDevice } from './contract/fixtures';
import type { ProfileMatcher, Store } from './ports';
import { openSqliteStore } from './sqlite';

function matcher(profileId: string, query: string): ProfileMatcher {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(`bad test query ${query}`);
  return { profileId, expr: parsed.expr };
}

describe('statements of profile membership', () => {
  let store: Store | undefined;
  const statements: string[] = [];
  afterAll(async () => {
    await store?.close();
  });

  it('checks one device against 20 profiles in one statement and sweeps in four per chunk', async () => {
    store = await openSqliteStore({ file: ':memory:', onQuery: (sql) => statements.push(sql) });
    await store.transaction(async (repos) => {
      for (let i = 0; i < 50; i += 1)
        await repos.devices.create(
          makeDevice(`d-${String(i).padStart(2, '0')}`, { labels: i % 3 ? [] : ['x'] }),
        );
    });
    const matchers = Array.from({ length: 20 }, (_, i) =>
      matcher(`p${i}`, i % 2 ? `label = "x" OR devId ~ "${i}"` : `@FUMO/State = ${i} OR createdAt < -1h`),
    );
    await store.profiles.create({
      id: 'p1',
      name: 'p1',
      query: 'label = "x"',
      priority: 0,
      nodes: [{ uri: './A', value: '1' }],
      execs: [],
      enabled: true,
      driftRetries: 3,
      revision: 1,
      createdBy: 'olivia',
      createdAt: at(0),
      updatedAt: at(0),
    });
    let before = statements.length;
    const matched = await store.profiles.matchingDevice('d-03', matchers, at(7_200_000));
    expect(statements.length - before).toBe(1);
    expect(matched.length).toBeGreaterThan(0);

    for (const limit of [5, 100]) {
      before = statements.length;
      const sweep = await store.profiles.sweepMembers(matcher('p1', 'label = "x"'), {
        after: null,
        limit,
        now: at(0),
        revision: 1,
        reason: 'waiting',
      });
      expect(sweep.last).toBe(limit === 5 ? 'd-04' : null);
      expect(statements.length - before).toBe(4);
    }
  });
});
