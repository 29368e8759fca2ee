// Coalescing of identical open alerts and session-start alerts (protocol §13), on both engines.
import { describe, expect, it } from 'vitest';
import { at, makeAlert, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

const GENERIC = 'urn:oma:at:dm:2.0:Generic';
const CLIENT_INITIATED = 'urn:oma:at:dm:2.0:ClientInitiatedMgmt';

export function describeAlertCoalescingContract(name: string, open: OpenStore): void {
  describe(`${name}: AlertRepository coalescing`, () => {
    const store = useFreshStore(open);
    const seed = async (): Promise<void> => {
      await store().devices.create(makeDevice('d1'));
      await store().devices.create(makeDevice('d2'));
    };
    const burst = (prefix: string, devId: string, n: number, from: number) =>
      Array.from({ length: n }, (_, i) =>
        makeAlert(`${prefix}-${i}`, devId, {
          mark: 'critical',
          sourceUri: './Sensor/1',
          sessionId: `s-${i}`,
          data: { reading: i },
          receivedAt: at(from + i * 10),
        }),
      );

    it('folds identical alerts of one call into one row with count, first and last time', async () => {
      await seed();
      const stored = await store().alerts.insert(burst('a', 'd1', 5, 100));
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ coalesced: false, occurrences: 5 });
      const [row] = await store().alerts.list({ limit: 10 });
      expect(row).toMatchObject({
        id: 'a-0',
        count: 5,
        firstAt: at(100),
        receivedAt: at(140),
        sessionId: 's-4',
        data: { reading: 4 },
      });
    });

    it('folds later identical alerts into the open row; other devices, sources and marks stay apart', async () => {
      await seed();
      await store().alerts.insert(burst('a', 'd1', 2, 100));
      const later = await store().alerts.insert([
        ...burst('b', 'd1', 3, 500),
        makeAlert('other-dev', 'd2', { mark: 'critical', sourceUri: './Sensor/1', receivedAt: at(600) }),
        makeAlert('other-src', 'd1', { mark: 'critical', sourceUri: './Sensor/2', receivedAt: at(600) }),
        makeAlert('other-mark', 'd1', { mark: 'warning', sourceUri: './Sensor/1', receivedAt: at(600) }),
        makeAlert('other-type', 'd1', { alertType: 'urn:x', mark: 'critical', sourceUri: './Sensor/1' }),
      ]);
      expect(later.find((s) => s.row.id === 'a-0')).toMatchObject({ coalesced: true, occurrences: 3 });
      expect(later.filter((s) => s.coalesced)).toHaveLength(1);
      expect(await store().alerts.find('a-0')).toMatchObject({
        count: 5,
        firstAt: at(100),
        receivedAt: at(520),
        data: { reading: 2 },
      });
      expect(await store().alerts.find('b-0')).toBeUndefined();
      expect((await store().alerts.list({ open: true, limit: 10 })).map((a) => a.id).sort()).toEqual([
        'a-0',
        'other-dev',
        'other-mark',
        'other-src',
        'other-type',
      ]);
    });

    it('stores packages of many kinds alike at every size, fresh and then coalesced', async () => {
      await seed();
      // 1 and 31–33 kinds: statements compiled per row count, and one built for more rows.
      for (const kinds of [1, 2, 31, 32, 33]) {
        const pkg = (round: number) =>
          Array.from({ length: kinds }, (_, k) =>
            makeAlert(`n${kinds}-r${round}-k${k}`, k % 2 === 0 ? 'd1' : 'd2', {
              alertType: `urn:kinds:${kinds}`,
              sourceUri: `./S/${k}`,
              targetUri: `./T/${round}`,
              mark: k % 3 === 0 ? 'minor' : 'warning',
              dataType: 'application/json',
              sessionId: `s-${round}`,
              data: { k, round },
              receivedAt: at(1_000 * kinds + round),
            }),
          );
        const fresh = await store().alerts.insert(pkg(0));
        expect(fresh.map((s) => [s.row.id, s.coalesced, s.occurrences])).toEqual(
          pkg(0).map((a) => [a.id, false, 1]),
        );
        const again = await store().alerts.insert(pkg(1));
        expect(again.map((s) => [s.row.id, s.coalesced, s.occurrences])).toEqual(
          pkg(0).map((a) => [a.id, true, 1]),
        );
        for (const [k, { row }] of again.entries()) {
          expect(row).toMatchObject({
            devId: k % 2 === 0 ? 'd1' : 'd2',
            sourceUri: `./S/${k}`,
            targetUri: './T/1',
            mark: k % 3 === 0 ? 'minor' : 'warning',
            sessionId: 's-1',
            data: { k, round: 1 },
            count: 2,
            firstAt: at(1_000 * kinds),
            receivedAt: at(1_000 * kinds + 1),
          });
        }
      }
    });

    it('opens a new row for the next identical alert once the row is acknowledged', async () => {
      await seed();
      await store().alerts.insert(burst('a', 'd1', 3, 100));
      expect(await store().alerts.acknowledge(['a-0'], 'ann', at(1_000))).toHaveLength(1);
      const next = await store().alerts.insert(burst('b', 'd1', 1, 2_000));
      expect(next).toMatchObject([{ coalesced: false, occurrences: 1, row: { id: 'b-0', count: 1 } }]);
      expect(await store().alerts.find('a-0')).toMatchObject({ count: 3, acknowledgedBy: 'ann' });
      const again = await store().alerts.insert(burst('c', 'd1', 2, 3_000));
      expect(again).toMatchObject([{ coalesced: true, row: { id: 'b-0', count: 3, firstAt: at(2_000) } }]);
    });

    it('counts one open row once however many concurrent transactions store the same alert', async () => {
      await seed();
      const alerts = burst('t', 'd1', 8, 100);
      await Promise.all(alerts.map((alert) => store().transaction((repos) => repos.alerts.insert([alert]))));
      const open = await store().alerts.list({ open: true, limit: 10 });
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ count: 8, firstAt: at(100), receivedAt: at(170) });
      expect(await store().alerts.countOpenByMark()).toEqual([{ mark: 'critical', count: 1 }]);
    });

    it('keeps session-start alerts apart: never open, never coalesced, listed on request', async () => {
      await seed();
      const starts = [1, 2].map((i) =>
        makeAlert(`start-${i}`, 'd1', {
          alertType: CLIENT_INITIATED,
          sessionStart: true,
          mark: 'critical',
          receivedAt: at(i),
        }),
      );
      const stored = await store().alerts.insert([...starts, makeAlert('g', 'd1', { alertType: GENERIC })]);
      expect(stored).toHaveLength(3);
      expect(stored.every((s) => !s.coalesced)).toBe(true);
      const { alerts: repo } = store();
      expect((await repo.list({ open: true, limit: 10 })).map((a) => a.id)).toEqual(['g']);
      expect((await repo.list({ sessionStart: false, limit: 10 })).map((a) => a.id)).toEqual(['g']);
      expect((await repo.list({ sessionStart: true, limit: 10 })).map((a) => a.id)).toEqual([
        'start-2',
        'start-1',
      ]);
      expect(await repo.find('start-1')).toMatchObject({ sessionStart: true, count: 1 });
      expect(await repo.countOpenByMark()).toEqual([]);
    });

    it('counts occurrences per type per bucket, the most frequent types first', async () => {
      await seed();
      await store().alerts.insert([
        ...burst('a', 'd1', 3, 0),
        makeAlert('b', 'd2', { alertType: 'urn:b', receivedAt: at(1_500) }),
        makeAlert('c', 'd2', { alertType: 'urn:c', receivedAt: at(2_500) }),
        makeAlert('s', 'd2', { alertType: CLIENT_INITIATED, sessionStart: true, receivedAt: at(2_500) }),
        makeAlert('old', 'd2', { alertType: 'urn:c', sourceUri: './x', receivedAt: at(-5) }),
      ]);
      const { alerts: repo } = store();
      expect(await repo.topTypesSince(at(0), 2)).toEqual([
        { alertType: GENERIC, count: 3 },
        { alertType: 'urn:b', count: 1 },
      ]);
      const counts = await repo.countByTypePerBucket(at(0), 1_000, 3, [GENERIC, 'urn:b']);
      expect(counts.sort((x, y) => x.bucket - y.bucket)).toEqual([
        { alertType: GENERIC, bucket: 0, count: 3 },
        { alertType: 'urn:b', bucket: 1, count: 1 },
        { alertType: null, bucket: 2, count: 1 },
      ]);
    });
  });
}
