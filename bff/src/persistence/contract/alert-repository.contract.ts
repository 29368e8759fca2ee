import { describe, expect, it } from 'vitest';
import type { AlertRow } from '../ports';
import { at, makeAlert, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

const GENERIC = 'urn:oma:at:dm:2.0:Generic';
const FUMO = 'urn:oma:at:fumo:1.0:event';

/** 25 alerts over two devices, several sharing a receivedAt. */
function history(): AlertRow[] {
  return Array.from({ length: 25 }, (_, i) =>
    makeAlert(`al-${String(i).padStart(2, '0')}`, i % 2 === 0 ? 'd1' : 'd2', {
      alertType: i % 3 === 0 ? FUMO : GENERIC,
      // Distinct sources: identical open alerts would coalesce.
      sourceUri: `./Node/${i}`,
      mark: i % 4 === 0 ? 'critical' : null,
      receivedAt: at(Math.floor(i / 3) * 1000),
    }),
  );
}

function newestFirst(alerts: AlertRow[]): string[] {
  return [...alerts]
    .sort(
      (a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    )
    .map((a) => a.id);
}

export function describeAlertRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: AlertRepository`, () => {
    const store = useFreshStore(open);
    const seed = async (alerts: AlertRow[]): Promise<void> => {
      await store().devices.create(makeDevice('d1'));
      await store().devices.create(makeDevice('d2'));
      await store().alerts.insert(alerts);
    };

    it('inserts and lists alerts with every field', async () => {
      const full = makeAlert('a1', 'd1', {
        sessionId: 's1',
        alertType: FUMO,
        sourceUri: './FUMO/1',
        targetUri: 'https://dm.example/target',
        mark: 'warning',
        dataType: 'application/json',
        data: { state: 50, nested: { ok: true }, list: [1, 'x'] },
        receivedAt: at(7),
        acknowledgedAt: at(9),
        acknowledgedBy: 'ann',
      });
      await seed([full]);
      expect(await store().alerts.list({ limit: 10 })).toEqual([full]);
      expect(await store().alerts.find('a1')).toEqual(full);
      await store().alerts.insert([]);
    });

    it('lists newest first and filters by device, type, mark and since', async () => {
      const alerts = history();
      await seed(alerts);
      const { alerts: repo } = store();
      expect((await repo.list({ limit: 100 })).map((a) => a.id)).toEqual(newestFirst(alerts));
      expect((await repo.list({ devId: 'd2', limit: 100 })).map((a) => a.id)).toEqual(
        newestFirst(alerts.filter((a) => a.devId === 'd2')),
      );
      expect((await repo.list({ alertType: FUMO, mark: 'critical', limit: 100 })).map((a) => a.id)).toEqual(
        newestFirst(alerts.filter((a) => a.alertType === FUMO && a.mark === 'critical')),
      );
      expect((await repo.list({ since: at(6000), limit: 100 })).map((a) => a.id)).toEqual(
        newestFirst(alerts.filter((a) => a.receivedAt >= at(6000))),
      );
    });

    it('pages newest first with a keyset cursor, every alert exactly once', async () => {
      const alerts = history();
      await seed(alerts);
      const seen: string[] = [];
      let before: { receivedAt: Date; id: string } | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await store().alerts.list({
          devId: 'd1',
          limit: 4,
          ...(before === undefined ? {} : { before }),
        });
        seen.push(...page.map((a) => a.id));
        const last = page.at(-1);
        if (page.length < 4 || last === undefined) break;
        before = { receivedAt: last.receivedAt, id: last.id };
      }
      expect(seen).toEqual(newestFirst(alerts.filter((a) => a.devId === 'd1')));
    });

    it('acknowledges open alerts once, returning only the rows it changed', async () => {
      await seed(history());
      const { alerts: repo } = store();
      const first = await repo.acknowledge(['al-00', 'al-04', 'al-04', 'missing'], 'ann', at(90_000));
      expect(first.map((a) => a.id).sort()).toEqual(['al-00', 'al-04']);
      expect(first[0]).toMatchObject({ acknowledgedBy: 'ann', acknowledgedAt: at(90_000) });
      // Whoever came first keeps the acknowledgement.
      const second = await repo.acknowledge(['al-04', 'al-08'], 'bob', at(95_000));
      expect(second.map((a) => a.id)).toEqual(['al-08']);
      expect(await repo.find('al-04')).toMatchObject({ acknowledgedBy: 'ann', acknowledgedAt: at(90_000) });
      expect(await repo.find('missing')).toBeUndefined();
      expect(await repo.acknowledge([], 'ann', at(1))).toEqual([]);
    });

    it('filters open or acknowledged alerts and several marks', async () => {
      const alerts = history();
      await seed(alerts);
      const { alerts: repo } = store();
      await repo.acknowledge(['al-00', 'al-01', 'al-12'], 'ann', at(90_000));
      const isAcked = (id: string) => ['al-00', 'al-01', 'al-12'].includes(id);
      expect((await repo.list({ open: true, limit: 100 })).map((a) => a.id)).toEqual(
        newestFirst(alerts.filter((a) => !isAcked(a.id))),
      );
      expect((await repo.list({ open: false, limit: 100 })).map((a) => a.id)).toEqual([
        'al-12',
        'al-01',
        'al-00',
      ]);
      expect(
        (await repo.list({ open: true, marks: ['critical', 'fatal'], limit: 100 })).map((a) => a.id),
      ).toEqual(newestFirst(alerts.filter((a) => a.mark === 'critical' && !isAcked(a.id))));
      expect(await repo.list({ marks: [], limit: 100 })).toEqual([]);
      expect((await repo.list({ excludeTypes: [GENERIC], limit: 100 })).map((a) => a.id)).toEqual(
        newestFirst(alerts.filter((a) => a.alertType !== GENERIC)),
      );
    });

    it('counts open alerts per mark, for alerts that have one', async () => {
      await seed([
        makeAlert('c1', 'd1', { mark: 'critical' }),
        makeAlert('c2', 'd2', { mark: 'critical' }),
        makeAlert('c3', 'd2', { mark: 'critical', sourceUri: './Other' }),
        makeAlert('w1', 'd1', { mark: 'warning' }),
        makeAlert('n1', 'd1', { mark: null }),
        makeAlert('f1', 'd1', { mark: 'fatal' }),
      ]);
      const { alerts: repo } = store();
      await repo.acknowledge(['c3', 'f1'], 'ann', at(5));
      const counts = await repo.countOpenByMark();
      expect(counts.sort((a, b) => String(a.mark).localeCompare(String(b.mark)))).toEqual([
        { mark: 'critical', count: 2 },
        { mark: 'warning', count: 1 },
      ]);
    });

    it('inserts a large batch in one call', async () => {
      const many = Array.from({ length: 4000 }, (_, i) =>
        makeAlert(`b-${i}`, 'd1', { receivedAt: at(i), sourceUri: `./N/${i}` }),
      );
      await seed(many);
      expect(await store().alerts.list({ limit: 5000 })).toHaveLength(4000);
    });
  });
}
