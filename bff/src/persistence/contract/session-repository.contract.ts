import { describe, expect, it } from 'vitest';
import { at, makeDevice, makeSession, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

export function describeSessionRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: SessionRepository`, () => {
    const store = useFreshStore(open);
    const seedDevices = async (...devIds: string[]): Promise<void> => {
      for (const devId of devIds) await store().devices.create(makeDevice(devId));
    };

    it('creates and finds a session by id and by token, with its JSON state', async () => {
      await seedDevices('d1');
      const session = makeSession('s1', 'd1', {
        state: { kind: 'closing', pending: ['a', 1, null], nested: { ok: true } },
      });
      await store().sessions.create(session);
      expect(await store().sessions.findById('s1')).toEqual(session);
      expect(await store().sessions.findByToken('token-s1')).toEqual(session);
      expect(await store().sessions.findById('nope')).toBeUndefined();
      expect(await store().sessions.findByToken('nope')).toBeUndefined();
    });

    it('rejects a second session with the same token', async () => {
      await seedDevices('d1');
      await store().sessions.create(makeSession('s1', 'd1', { token: 'same' }));
      await expect(store().sessions.create(makeSession('s2', 'd1', { token: 'same' }))).rejects.toThrow();
    });

    it('update succeeds once per version; a second writer with the same version loses', async () => {
      await seedDevices('d1');
      const { sessions } = store();
      const created = makeSession('s1', 'd1');
      await sessions.create(created);
      const mine = { ...created, version: 2, state: { kind: 'mine' }, updatedAt: at(5) };
      const theirs = { ...created, version: 2, state: { kind: 'theirs' }, updatedAt: at(6) };
      expect(await sessions.update(mine)).toBe(true);
      expect(await sessions.update(theirs)).toBe(false);
      expect(await sessions.findById('s1')).toEqual(mine);
      const closed = { ...mine, version: 3, status: 'completed' as const, endedAt: at(7) };
      expect(await sessions.update(closed)).toBe(true);
      expect(await sessions.findById('s1')).toEqual(closed);
      expect(await sessions.update({ ...closed, version: 5 })).toBe(false);
    });

    it('concurrent updates from the same version: exactly one wins', async () => {
      await seedDevices('d1');
      const { sessions } = store();
      const created = makeSession('s1', 'd1');
      await sessions.create(created);
      const results = await Promise.all(
        [1, 2, 3, 4].map((n) => sessions.update({ ...created, version: 2, state: { writer: n } })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('findOpenByDevice returns the open session only', async () => {
      await seedDevices('d1', 'd2');
      const { sessions } = store();
      await sessions.create(
        makeSession('old', 'd1', { status: 'completed', startedAt: at(0), endedAt: at(5) }),
      );
      expect(await sessions.findOpenByDevice('d1')).toBeUndefined();
      await sessions.create(makeSession('cur', 'd1', { startedAt: at(10) }));
      expect((await sessions.findOpenByDevice('d1'))?.id).toBe('cur');
      expect(await sessions.findOpenByDevice('d2')).toBeUndefined();
    });

    it('listExpired returns open sessions expired before now, oldest first, up to limit', async () => {
      await seedDevices('d1', 'd2', 'd3', 'd4');
      const { sessions } = store();
      await sessions.create(makeSession('late', 'd1', { expiresAt: at(300) }));
      await sessions.create(makeSession('early', 'd2', { expiresAt: at(100) }));
      await sessions.create(makeSession('future', 'd3', { expiresAt: at(1000) }));
      await sessions.create(makeSession('done', 'd4', { status: 'completed', expiresAt: at(50) }));
      expect((await sessions.listExpired(at(500), 10)).map((s) => s.id)).toEqual(['early', 'late']);
      expect((await sessions.listExpired(at(500), 1)).map((s) => s.id)).toEqual(['early']);
      expect(await sessions.listExpired(at(100), 10)).toEqual([]);
    });

    it('listByDevice lists a device’s sessions newest first, up to limit', async () => {
      await seedDevices('d1', 'd2');
      const { sessions } = store();
      for (const [id, start] of [
        ['a', 1],
        ['b', 3],
        ['c', 2],
      ] as const) {
        await sessions.create(makeSession(id, 'd1', { startedAt: at(start), status: 'completed' }));
      }
      await sessions.create(makeSession('other', 'd2'));
      expect((await sessions.listByDevice('d1', 10)).map((s) => s.id)).toEqual(['b', 'c', 'a']);
      expect((await sessions.listByDevice('d1', 2)).map((s) => s.id)).toEqual(['b', 'c']);
    });

    it('countStartedPerBucket counts sessions of every device per window, oldest first', async () => {
      await seedDevices('d1', 'd2');
      const { sessions } = store();
      const starts: [string, string, number][] = [
        ['early', 'd1', -1],
        ['a', 'd1', 0],
        ['b', 'd2', 59_999],
        ['c', 'd1', 60_000],
        ['d', 'd2', 3 * 60_000 + 5],
        ['e', 'd1', 3 * 60_000 + 6],
        ['f', 'd2', 3 * 60_000 + 7],
        ['late', 'd1', 4 * 60_000],
      ];
      for (const [id, devId, offset] of starts) {
        await sessions.create(makeSession(id, devId, { startedAt: at(offset) }));
      }
      expect(await sessions.countStartedPerBucket(at(0), 60_000, 4)).toEqual([2, 1, 0, 3]);
      expect(await sessions.countStartedPerBucket(at(30_000), 60_000, 2)).toEqual([2, 0]);
      expect(await sessions.countStartedPerBucket(at(0), 60_000, 0)).toEqual([]);
    });

    it('listRecent lists the latest sessions of every device, newest first', async () => {
      await seedDevices('d1', 'd2');
      const { sessions } = store();
      await sessions.create(makeSession('a', 'd1', { startedAt: at(1) }));
      await sessions.create(makeSession('b', 'd2', { startedAt: at(3) }));
      await sessions.create(makeSession('c', 'd1', { startedAt: at(2) }));
      expect((await sessions.listRecent(2)).map((s) => s.id)).toEqual(['b', 'c']);
      expect(await sessions.listRecent(10)).toHaveLength(3);
    });
  });
}
