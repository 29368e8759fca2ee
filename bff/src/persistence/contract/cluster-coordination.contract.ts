// What several instances sharing one database rely on: leases on background work, disjoint claims
// of due work, a per-device lock for check-then-insert, and the counts /metrics reports.
import { describe, expect, it } from 'vitest';
import type { Store } from '../ports';
import { at, makeCommand, makeDevice, makeNotification, makeSession, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

const TTL = 10_000;

/** Opens the device's one notification unless one is open: the check-then-insert the lock guards. */
async function openOnce(store: Store, devId: string, id: string): Promise<boolean> {
  return store.transaction(async (repos) => {
    if (!(await repos.devices.lock(devId))) return false;
    if (await repos.notifications.findOpen(devId)) return false;
    await repos.notifications.create(makeNotification(id, devId));
    return true;
  });
}

export function describeClusterCoordinationContract(name: string, open: OpenStore): void {
  describe(`${name}: LeaseRepository`, () => {
    const store = useFreshStore(open);

    it('gives a free lease to the first holder and refuses others until it expires', async () => {
      const { leases } = store();
      expect(await leases.acquire('sweep', 'a', at(0), TTL)).toBe(true);
      expect(await leases.find('sweep')).toEqual({
        name: 'sweep',
        holder: 'a',
        acquiredAt: at(0),
        expiresAt: at(TTL),
      });
      expect(await leases.acquire('sweep', 'b', at(TTL - 1), TTL)).toBe(false);
      expect((await leases.find('sweep'))?.holder).toBe('a');
      // Another name is another lease.
      expect(await leases.acquire('other', 'b', at(0), TTL)).toBe(true);
    });

    it('extends a lease its holder acquires again, keeping when it was first taken', async () => {
      const { leases } = store();
      await leases.acquire('sweep', 'a', at(0), TTL);
      expect(await leases.acquire('sweep', 'a', at(5_000), TTL)).toBe(true);
      expect(await leases.find('sweep')).toMatchObject({ acquiredAt: at(0), expiresAt: at(5_000 + TTL) });
    });

    it('lets another holder take an expired lease; the old holder can no longer renew it', async () => {
      const { leases } = store();
      await leases.acquire('sweep', 'a', at(0), TTL);
      expect(await leases.acquire('sweep', 'b', at(TTL), TTL)).toBe(true);
      expect(await leases.find('sweep')).toEqual({
        name: 'sweep',
        holder: 'b',
        acquiredAt: at(TTL),
        expiresAt: at(2 * TTL),
      });
      expect(await leases.renew('sweep', 'a', at(TTL + 1), TTL)).toBe(false);
      expect(await leases.renew('sweep', 'b', at(TTL + 1), TTL)).toBe(true);
      expect((await leases.find('sweep'))?.expiresAt).toEqual(at(2 * TTL + 1));
      expect(await leases.renew('missing', 'b', at(0), TTL)).toBe(false);
    });

    it('releases only for its holder, after which anyone may take it at once', async () => {
      const { leases } = store();
      await leases.acquire('sweep', 'a', at(0), TTL);
      await leases.release('sweep', 'b');
      expect((await leases.find('sweep'))?.holder).toBe('a');
      await leases.release('sweep', 'a');
      expect(await leases.find('sweep')).toBeUndefined();
      expect(await leases.acquire('sweep', 'b', at(1), TTL)).toBe(true);
    });

    it('lists every lease by name, expired ones included', async () => {
      const { leases } = store();
      expect(await leases.list()).toEqual([]);
      await leases.acquire('sweep', 'a', at(0), TTL);
      await leases.acquire('instance:b', 'b', at(0), 1_000);
      await leases.acquire('other', 'b', at(0), TTL);
      expect(await leases.list()).toEqual([
        { name: 'instance:b', holder: 'b', acquiredAt: at(0), expiresAt: at(1_000) },
        { name: 'other', holder: 'b', acquiredAt: at(0), expiresAt: at(TTL) },
        { name: 'sweep', holder: 'a', acquiredAt: at(0), expiresAt: at(TTL) },
      ]);
      await leases.release('other', 'b');
      expect((await leases.list()).map((l) => l.name)).toEqual(['instance:b', 'sweep']);
    });

    it('removes a lease only once it lapsed at or before the given time', async () => {
      const { leases } = store();
      await leases.acquire('instance:b', 'b', at(0), 1_000);
      expect(await leases.removeLapsed('instance:b', at(999))).toBe(false);
      expect(await leases.removeLapsed('missing', at(5_000))).toBe(false);
      expect((await leases.find('instance:b'))?.holder).toBe('b');
      expect(await leases.removeLapsed('instance:b', at(1_000))).toBe(true);
      expect(await leases.find('instance:b')).toBeUndefined();
    });

    it('gives a contended lease to exactly one of many concurrent holders', async () => {
      const { leases } = store();
      const holders = ['a', 'b', 'c', 'd', 'e', 'f'];
      const won = await Promise.all(holders.map((h) => leases.acquire('sweep', h, at(0), TTL)));
      expect(won.filter(Boolean)).toHaveLength(1);
      expect((await leases.find('sweep'))?.holder).toBe(holders[won.indexOf(true)]);
    });
  });

  describe(`${name}: claiming work across instances`, () => {
    const store = useFreshStore(open);

    it('concurrent sweeps claim disjoint batches: each due command expires once', async () => {
      const s = store();
      await s.devices.create(makeDevice('d1'));
      for (let i = 0; i < 12; i += 1) {
        await s.commands.enqueue(makeCommand(`c${i}`, 'd1', { expiresAt: at(1_000) }));
      }
      const sweep = () =>
        s.transaction(async (repos) => {
          const due = await repos.commands.listDueForExpiry(at(2_000), 100);
          const expired: string[] = [];
          for (const c of due) {
            const row = await repos.commands.transition(c.id, ['queued'], {
              state: 'expired',
              at: at(2_000),
            });
            if (row) expired.push(row.id);
          }
          return { listed: due.map((c) => c.id), expired };
        });
      const results = await Promise.all([sweep(), sweep(), sweep()]);
      const listed = results.flatMap((r) => r.listed);
      // Nothing listed twice (row locks on PostgreSQL, serialized transactions on SQLite)...
      expect(new Set(listed).size).toBe(listed.length);
      // ...and every command expired exactly once.
      expect(results.flatMap((r) => r.expired).sort()).toEqual(
        Array.from({ length: 12 }, (_, i) => `c${i}`).sort(),
      );
    });

    it('listExpired and listDue claim like listDueForExpiry', async () => {
      const s = store();
      await s.devices.create(makeDevice('d1'));
      await s.devices.create(makeDevice('d2'));
      await s.sessions.create(makeSession('s1', 'd1', { expiresAt: at(1_000) }));
      await s.notifications.create(makeNotification('n1', 'd2'));
      const claim = () =>
        s.transaction(async (repos) => {
          const sessions = await repos.sessions.listExpired(at(2_000), 10);
          const due = await repos.notifications.listDue(at(2_000), 10);
          for (const session of sessions) {
            await repos.sessions.update({ ...session, status: 'abandoned', version: session.version + 1 });
          }
          for (const n of due) {
            await repos.notifications.update(
              { ...n, attempts: n.attempts + 1, nextAttemptAt: at(60_000) },
              n,
            );
          }
          return [...sessions.map((x) => x.id), ...due.map((x) => x.id)];
        });
      const claimed = (await Promise.all([claim(), claim()])).flat();
      expect(claimed.sort()).toEqual(['n1', 's1']);
    });

    it('lock serializes check-then-insert per device: one open notification', async () => {
      const s = store();
      await s.devices.create(makeDevice('d1'));
      const opened = await Promise.all(['n1', 'n2', 'n3', 'n4'].map((id) => openOnce(s, 'd1', id)));
      expect(opened.filter(Boolean)).toHaveLength(1);
      expect(await s.notifications.listByDevice('d1', 10)).toHaveLength(1);
      expect(await s.transaction((repos) => repos.devices.lock('unknown'))).toBe(false);
    });
  });

  describe(`${name}: counts for /metrics`, () => {
    const store = useFreshStore(open);

    it('counts open sessions and commands by state', async () => {
      const s = store();
      expect(await s.sessions.countOpen()).toBe(0);
      expect(await s.commands.countByState()).toEqual({});
      await s.devices.create(makeDevice('d1'));
      await s.sessions.create(makeSession('s1', 'd1'));
      await s.sessions.create(makeSession('s2', 'd1', { status: 'completed', token: 't2' }));
      await s.sessions.create(makeSession('s3', 'd1', { token: 't3' }));
      for (const [id, state] of [
        ['a', 'queued'],
        ['b', 'queued'],
        ['c', 'ok'],
        ['d', 'failed'],
      ] as const) {
        await s.commands.enqueue(makeCommand(id, 'd1', { state }));
      }
      expect(await s.sessions.countOpen()).toBe(2);
      expect(await s.commands.countByState()).toEqual({ queued: 2, ok: 1, failed: 1 });
    });
  });
}
