// Configuration profiles (protocol §14): CRUD with the case-insensitive name, counts and status pages
// over the device states, the states' upsert and removal, cascades, the one-statement point check of
// a device's membership and the chunked membership sweep.
import { parseQuery } from '@dmc/shared/query';
import type { QueryExpr } from '@dmc/shared/query';
import { describe, expect, it } from 'vitest';
import { matcherCompiles } from '../kysely/profile-matching';
import type { ProfileDeviceRow, ProfileRow, Store } from '../ports';
import { at, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

const NOW = at(3_600_000);
const FUMO = 'urn:oma:mo:oma-fumo:1.0';

function profile(id: string, overrides: Partial<ProfileRow> = {}): ProfileRow {
  return {
    id,
    name: `Profile ${id}`,
    query: 'Mod = "Sim-1"',
    priority: 0,
    nodes: [{ uri: './DevDetail/Ext/Conf/Wifi', value: 'eu' }],
    execs: [],
    enabled: true,
    driftRetries: 3,
    revision: 1,
    createdBy: 'olivia',
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

function state(
  profileId: string,
  devId: string,
  overrides: Partial<ProfileDeviceRow> = {},
): ProfileDeviceRow {
  return {
    profileId,
    devId,
    status: 'pending',
    reason: "waiting for the device's next session",
    nodes: [
      {
        uri: './DevDetail/Ext/Conf/Wifi',
        state: 'waiting',
        reason: "waiting for the device's next session",
        sc: null,
        commandId: null,
        driftWrites: 0,
      },
    ],
    execs: [],
    revision: 1,
    since: at(500),
    updatedAt: at(1_000),
    ...overrides,
  };
}

function expr(query: string): QueryExpr {
  const parsed = parseQuery(query);
  if (!parsed.ok || parsed.expr === null) throw new Error(`bad test query ${query}`);
  return parsed.expr;
}

async function devices(store: Store, ...ids: string[]): Promise<void> {
  for (const id of ids) expect(await store.devices.create(makeDevice(id))).toBe(true);
}

const ids = (rows: readonly { devId: string }[]): string[] => rows.map((r) => r.devId);

export function describeProfileRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: ProfileRepository`, () => {
    const store = useFreshStore(open);

    it('creates, finds by id and by name in any case, and lists by priority then name', async () => {
      const { profiles } = store();
      const full = profile('p1', {
        name: 'Wifi EU',
        priority: 5,
        nodes: [
          { uri: './Wifi/SSID', value: 'corp' },
          { uri: './Wifi/Band', value: '5' },
        ],
        execs: [{ uri: './Wifi/Apply', data: 'now' }, { uri: './Wifi/Log' }],
        enabled: false,
        driftRetries: 7,
        revision: 3,
        createdAt: at(5),
        updatedAt: at(6),
      });
      expect(await profiles.create(full)).toBe(true);
      expect(await profiles.create(profile('p2', { name: 'alpha', priority: 5 }))).toBe(true);
      expect(await profiles.create(profile('p3', { name: 'Zulu', priority: 9 }))).toBe(true);
      expect(await profiles.find('p1')).toEqual(full);
      expect(await profiles.find('nope')).toBeUndefined();
      expect((await profiles.findByName('WIFI eu'))?.id).toBe('p1');
      expect(await profiles.findByName('other')).toBeUndefined();
      expect((await profiles.list(10)).map((p) => p.id)).toEqual(['p3', 'p2', 'p1']);
      expect((await profiles.list(2)).map((p) => p.id)).toEqual(['p3', 'p2']);
      expect((await profiles.listEnabled()).map((p) => p.id)).toEqual(['p3', 'p2']);
      expect(await profiles.count()).toBe(3);
    });

    it('refuses a second profile whose name differs only in case, and a rename onto another', async () => {
      const { profiles } = store();
      expect(await profiles.create(profile('p1', { name: 'Wifi EU' }))).toBe(true);
      expect(await profiles.create(profile('p2', { name: 'wifi eu', query: '' }))).toBe(false);
      expect(await profiles.find('p2')).toBeUndefined();
      expect(await profiles.create(profile('p2', { name: 'Other' }))).toBe(true);
      const changed = profile('p2', {
        name: 'Other (renamed)',
        query: 'label = "lab"',
        priority: -3,
        nodes: [{ uri: './X', value: '1' }],
        enabled: false,
        driftRetries: 0,
        revision: 2,
        createdBy: 'someone-else',
        updatedAt: at(9),
      });
      expect(await profiles.update(changed)).toBe(true);
      expect(await profiles.find('p2')).toEqual({ ...changed, createdBy: 'olivia' });
      expect(await profiles.update({ ...changed, name: 'OTHER (RENAMED)' })).toBe(true);
      expect(await profiles.update({ ...changed, name: 'WIFI EU' })).toBe(false);
      expect((await profiles.find('p2'))?.name).toBe('OTHER (RENAMED)');
      expect(await profiles.update(profile('missing'))).toBe(false);
    });

    it('counts devices per status for each profile, zero for a profile without states', async () => {
      const { profiles } = store();
      await devices(store(), 'd1', 'd2', 'd3', 'd4');
      await profiles.create(profile('p1'));
      await profiles.create(profile('p2', { name: 'second' }));
      await profiles.create(profile('p3', { name: 'third' }));
      await profiles.putStates([
        state('p1', 'd1', { status: 'verified', reason: null }),
        state('p1', 'd2', { status: 'verified', reason: null }),
        state('p1', 'd3', { status: 'failed', reason: 'no' }),
        state('p1', 'd4'),
        state('p2', 'd1', { status: 'conflicted', reason: "'p1' holds it" }),
      ]);
      const all = await profiles.counts();
      expect(Object.fromEntries(all)).toEqual({
        p1: { verified: 2, pending: 1, failed: 1, conflicted: 0 },
        p2: { verified: 0, pending: 0, failed: 0, conflicted: 1 },
        p3: { verified: 0, pending: 0, failed: 0, conflicted: 0 },
      });
      // Every profile named has its counts, zeros when it has no devices (or is gone).
      expect(Object.fromEntries(await profiles.counts(['p2', 'p3', 'gone']))).toEqual({
        p2: { verified: 0, pending: 0, failed: 0, conflicted: 1 },
        p3: { verified: 0, pending: 0, failed: 0, conflicted: 0 },
        gone: { verified: 0, pending: 0, failed: 0, conflicted: 0 },
      });
      expect((await profiles.counts([])).size).toBe(0);
    });

    it("pages a profile's states by DevID, in one status or all, and upserts and removes them", async () => {
      const { profiles } = store();
      await devices(store(), 'a', 'b', 'c', 'd', 'e');
      await profiles.create(profile('p1'));
      await profiles.create(profile('p2', { name: 'second' }));
      await profiles.putStates([
        state('p1', 'e', { status: 'failed', reason: 'x' }),
        state('p1', 'a'),
        state('p1', 'c', { status: 'failed', reason: 'y' }),
        state('p1', 'b'),
        state('p1', 'd', { status: 'failed', reason: 'z' }),
        state('p2', 'a'),
      ]);
      expect(ids(await profiles.states('p1', { limit: 10 }))).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(ids(await profiles.states('p1', { limit: 2, after: 'b' }))).toEqual(['c', 'd']);
      const failed = await profiles.states('p1', { status: 'failed', limit: 2 });
      expect(ids(failed)).toEqual(['c', 'd']);
      expect(ids(await profiles.states('p1', { status: 'failed', after: 'd', limit: 2 }))).toEqual(['e']);
      expect(ids(await profiles.states('p1', { status: 'verified', limit: 2 }))).toEqual([]);

      // Upsert: the row of (p1, c) is replaced whole but for its membership epoch, which is kept.
      const verified = state('p1', 'c', {
        status: 'verified',
        reason: null,
        nodes: [
          {
            uri: './DevDetail/Ext/Conf/Wifi',
            state: 'verified',
            reason: null,
            sc: 200,
            commandId: 'cmd-1',
            driftWrites: 2,
          },
        ],
        execs: [{ uri: './Apply', state: 'done', reason: null, sc: 200, commandId: 'cmd-2' }],
        revision: 4,
        since: at(6_000),
        updatedAt: at(7_000),
      });
      await profiles.putStates([verified]);
      expect(await profiles.states('p1', { status: 'verified', limit: 5 })).toEqual([
        { ...verified, since: at(500) },
      ]);
      // A removed state's device inserted again starts a new membership: its `since` is the new one.
      await profiles.removeStates('p1', ['c']);
      await profiles.putStates([verified]);
      expect((await profiles.states('p1', { status: 'verified', limit: 5 }))[0]?.since).toEqual(at(6_000));
      expect(await profiles.deviceStates('a')).toEqual([state('p1', 'a'), state('p2', 'a')]);
      expect(await profiles.deviceStatuses('a')).toEqual(
        [state('p1', 'a'), state('p2', 'a')].map(({ profileId, status, revision }) => ({
          profileId,
          status,
          revision,
        })),
      );
      expect(await profiles.deviceStatuses('nobody')).toEqual([]);
      await profiles.putStates([state('p2', 'a', { status: 'verified', reason: null, revision: 3 })]);
      expect(await profiles.deviceStatuses('a')).toEqual([
        { profileId: 'p1', status: 'pending', revision: state('p1', 'a').revision },
        { profileId: 'p2', status: 'verified', revision: 3 },
      ]);

      await profiles.removeStates('p1', ['a', 'c', 'ghost']);
      expect(ids(await profiles.states('p1', { limit: 10 }))).toEqual(['b', 'd', 'e']);
      expect(ids(await profiles.deviceStates('a'))).toEqual(['a']);
      await profiles.removeStates('p1', []);
      expect(ids(await profiles.states('p1', { limit: 10 }))).toHaveLength(3);
    });

    it('removes the states with their profile, and with their device', async () => {
      const { profiles } = store();
      await devices(store(), 'd1', 'd2');
      await profiles.create(profile('p1'));
      await profiles.create(profile('p2', { name: 'second' }));
      await profiles.putStates([state('p1', 'd1'), state('p1', 'd2'), state('p2', 'd1'), state('p2', 'd2')]);
      expect(await profiles.remove('p1')).toBe(true);
      expect(await profiles.remove('p1')).toBe(false);
      expect(await profiles.states('p1', { limit: 10 })).toEqual([]);
      expect(await store().devices.remove('d1')).toBe(true);
      expect(ids(await profiles.states('p2', { limit: 10 }))).toEqual(['d2']);
      expect(await profiles.deviceStates('d1')).toEqual([]);
      expect(Object.fromEntries(await profiles.counts())).toEqual({
        p2: { verified: 0, pending: 1, failed: 0, conflicted: 0 },
      });
    });

    it('says in one call which matchers match one device: fields, labels, tree values, no query', async () => {
      const s = store();
      await s.devices.create(
        makeDevice('d1', { labels: ['lab'], devInfo: { ...makeDevice('x').devInfo, Mod: 'Sim-1' } }),
      );
      await s.devices.create(makeDevice('d2', { devInfo: { ...makeDevice('x').devInfo, Mod: 'Sim-2' } }));
      await s.tree.replaceInstances('d1', [{ moid: FUMO, miid: 'fw', ddf: null }]);
      await s.tree.upsertNodes('d1', [
        { moid: FUMO, miid: 'fw', path: 'State', value: '10', format: 'int', reportedAt: at(0) },
      ]);
      const matchers = [
        { profileId: 'all', expr: null },
        { profileId: 'sim1', expr: expr('Mod = "Sim-1"') },
        { profileId: 'lab', expr: expr('label = "lab"') },
        { profileId: 'idle', expr: expr('@FUMO/State = 10') },
        { profileId: 'nolab', expr: expr('NOT label = "lab" OR Mod = "Sim-2"') },
        { profileId: 'recent', expr: expr('createdAt > -1h') },
      ];
      expect((await s.profiles.matchingDevice('d1', matchers, NOW)).sort()).toEqual([
        'all',
        'idle',
        'lab',
        'sim1',
      ]);
      expect((await s.profiles.matchingDevice('d2', matchers, NOW)).sort()).toEqual(['all', 'nolab']);
      expect(await s.profiles.matchingDevice('ghost', matchers, NOW)).toEqual([]);
      expect(await s.profiles.matchingDevice('d1', [], NOW)).toEqual([]);
    });

    it('runs the point check from one compile per matcher set, for any device, a changed set at once', async () => {
      const s = store();
      await s.devices.create(makeDevice('m1', { labels: ['lab'] }));
      await s.devices.create(makeDevice('m2'));
      const set = [
        { profileId: 'lab', expr: expr('label = "lab"') },
        { profileId: 'young', expr: expr('createdAt > -1h') },
      ];
      const t1 = at(1_000_000);
      const check = async (devId: string, matchers: typeof set, now = t1) =>
        (await s.profiles.matchingDevice(devId, matchers, now)).sort();
      const before = matcherCompiles.count;
      expect(await check('m1', set)).toEqual(['lab', 'young']);
      expect(await check('m2', set, at(1_000_500))).toEqual(['young']);
      expect(await check('ghost', set)).toEqual([]);
      expect(await check('m1', set)).toEqual(['lab', 'young']);
      expect(matcherCompiles.count - before).toBe(1);
      // Another set (a profile more, or a query changed) is compiled at once.
      const more = [...set, { profileId: 'nolab', expr: expr('NOT label = "lab"') }];
      expect(await check('m2', more)).toEqual(['nolab', 'young']);
      expect(await check('m1', more)).toEqual(['lab', 'young']);
      expect(await check('m1', [{ profileId: 'lab', expr: expr('label = "other"') }])).toEqual([]);
      expect(matcherCompiles.count - before).toBe(3);
      // The first set is still cached; a compile older than a second is made again (`now` moved on).
      expect(await check('m2', set)).toEqual(['young']);
      expect(matcherCompiles.count - before).toBe(3);
      expect(await check('m1', set, at(3_605_000))).toEqual(['lab']);
      expect(matcherCompiles.count - before).toBe(4);
    });

    it('filters the device list by a status in a profile named in any case, = and != and with others', async () => {
      const s = store();
      await devices(s, 'a', 'b', 'c', 'd');
      await s.profiles.create(profile('p1', { name: 'Wifi EU' }));
      await s.profiles.create(profile('p2', { name: 'Other' }));
      await s.profiles.putStates([
        state('p1', 'a', { status: 'failed', reason: 'x' }),
        state('p1', 'b', { status: 'verified', reason: null }),
        state('p1', 'c', { status: 'failed', reason: 'y' }),
        state('p2', 'd', { status: 'failed', reason: 'z' }),
        state('p2', 'a', { status: 'conflicted', reason: 'w' }),
      ]);
      const matching = async (query: string) => {
        const filter = { expr: expr(query), now: NOW };
        const page = await s.devices.list({ sort: 'devId', order: 'asc', limit: 10, filter });
        expect(page.total).toBe(page.items.length);
        return page.items.map((d) => d.devId);
      };
      expect(await matching('profile "wifi eu" = failed')).toEqual(['a', 'c']);
      expect(await matching('profile "WIFI EU" = verified')).toEqual(['b']);
      expect(await matching('profile "Wifi EU" != failed')).toEqual(['b', 'd']);
      expect(await matching('profile "Wifi EU" = pending')).toEqual([]);
      expect(await matching('profile "nobody" = failed')).toEqual([]);
      expect(await matching('profile "Wifi EU" = failed AND NOT profile "other" = conflicted')).toEqual([
        'c',
      ]);
      expect(await matching('profile "Wifi EU" = verified OR profile "other" = failed')).toEqual(['b', 'd']);
      const point = await s.profiles.matchingDevice(
        'a',
        [{ profileId: 'q', expr: expr('profile "wifi eu" = failed') }],
        NOW,
      );
      expect(point).toEqual(['q']);
    });

    it('sweeps membership in chunks by DevID: adds new matches as pending, removes the others', async () => {
      const s = store();
      const names = Array.from({ length: 7 }, (_, i) => `dev-${i}`);
      for (const [i, devId] of names.entries()) {
        const labels = i % 2 === 0 ? ['even'] : [];
        await s.devices.create(makeDevice(devId, { labels }));
      }
      await s.profiles.create(profile('p1', { query: 'label = "even"' }));
      // dev-1 was a member but no longer matches; dev-2 is a member, in a state of revision 1.
      await s.profiles.putStates([
        state('p1', 'dev-1', { status: 'verified', reason: null }),
        state('p1', 'dev-2', { status: 'failed', reason: 'kept' }),
      ]);
      const matcher = { profileId: 'p1', expr: expr('label = "even"') };
      const reason = "waiting for the device's next session";
      const sweep = (after: string | null) =>
        s.profiles.sweepMembers(matcher, { after, limit: 3, now: NOW, revision: 2, reason });

      expect(await sweep(null)).toEqual({
        added: ['dev-0'],
        removed: ['dev-1'],
        restarted: ['dev-2'],
        last: 'dev-2',
      });
      expect(await sweep('dev-2')).toEqual({ added: ['dev-4'], removed: [], restarted: [], last: 'dev-5' });
      expect(await sweep('dev-5')).toEqual({ added: ['dev-6'], removed: [], restarted: [], last: null });
      expect(await sweep('dev-6')).toEqual({ added: [], removed: [], restarted: [], last: null });

      const states = await s.profiles.states('p1', { limit: 10 });
      expect(ids(states)).toEqual(['dev-0', 'dev-2', 'dev-4', 'dev-6']);
      // dev-2's state was for revision 1: it starts over for revision 2, in the same membership.
      expect(states.find((r) => r.devId === 'dev-2')).toEqual({
        ...state('p1', 'dev-2', { status: 'pending', reason, revision: 2, updatedAt: NOW }),
        nodes: [],
      });
      expect(states.find((r) => r.devId === 'dev-4')).toEqual({
        profileId: 'p1',
        devId: 'dev-4',
        status: 'pending',
        reason,
        nodes: [],
        execs: [],
        revision: 2,
        since: NOW,
        updatedAt: NOW,
      });
      // A second pass changes nothing; a query matching every device adds the rest.
      expect(await sweep(null)).toEqual({ added: [], removed: [], restarted: [], last: 'dev-2' });
      const everyone = await s.profiles.sweepMembers(
        { profileId: 'p1', expr: null },
        { after: null, limit: 100, now: NOW, revision: 2, reason },
      );
      expect(everyone).toEqual({
        added: ['dev-1', 'dev-3', 'dev-5'],
        removed: [],
        restarted: [],
        last: null,
      });
      // dev-1 left (its state removed) and is a member again: a new membership, a new epoch.
      const later = new Date(NOW.getTime() + 1_000);
      await s.profiles.removeStates('p1', ['dev-1']);
      await s.profiles.sweepMembers(
        { profileId: 'p1', expr: null },
        { after: null, limit: 100, now: later, revision: 2, reason },
      );
      expect((await s.profiles.deviceStates('dev-1'))[0]?.since).toEqual(later);
      expect((await s.profiles.deviceStates('dev-0'))[0]?.since).toEqual(NOW);
    });
  });
}
