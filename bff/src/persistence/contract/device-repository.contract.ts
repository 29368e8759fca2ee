import { describe, expect, it } from 'vitest';
import type { DeviceCursor, DeviceListQuery, DeviceRow, DeviceSortKey, Store } from '../ports';
import { at, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

const SORT_KEYS: readonly DeviceSortKey[] = ['devId', 'lastSeenAt', 'createdAt', 'model', 'fwVersion'];
const ORDERS = ['asc', 'desc'] as const;

function sortValue(device: DeviceRow, key: DeviceSortKey): string | number | null {
  switch (key) {
    case 'devId':
      return device.devId;
    case 'lastSeenAt':
      return device.lastSeenAt?.getTime() ?? null;
    case 'createdAt':
      return device.createdAt.getTime();
    case 'model':
      return device.devInfo.Mod;
    case 'fwVersion':
      return device.devInfo.FwV;
  }
}

function compareValues(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order the port promises: by key (nulls last in both orders), ties by devId in the same order. */
function expectedOrder(devices: DeviceRow[], key: DeviceSortKey, order: 'asc' | 'desc'): string[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...devices]
    .sort((x, y) => {
      const a = sortValue(x, key);
      const b = sortValue(y, key);
      if (a === null || b === null) {
        if (a !== b) return a === null ? 1 : -1;
      } else if (a !== b) {
        return sign * compareValues(a, b);
      }
      return sign * compareValues(x.devId, y.devId);
    })
    .map((d) => d.devId);
}

function cursorOf(device: DeviceRow, key: DeviceSortKey): DeviceCursor {
  return { value: sortValue(device, key), devId: device.devId };
}

const MODELS = ['alpha', 'Zeta', null, 'beta', 'alpha'];
const FIRMWARE = ['1.0', '1.10', null, '2.0'];

/** Twelve devices with ties, nulls and mixed case in every sort key. */
function fleet(): DeviceRow[] {
  return Array.from({ length: 12 }, (_, i) =>
    makeDevice(`dev-${String((i * 7) % 12).padStart(2, '0')}`, {
      labels: i % 3 === 0 ? ['lab', 'north'] : i % 3 === 1 ? ['north'] : [],
      createdAt: at((i % 4) * 1000),
      lastSeenAt: i % 5 === 0 ? null : at(10_000 + (i % 3) * 500),
      devInfo: {
        Man: i % 2 === 0 ? 'Acme Corp' : 'Globex',
        Mod: MODELS[i % MODELS.length] ?? null,
        FwV: FIRMWARE[i % FIRMWARE.length] ?? null,
        SwV: 'sw-hidden',
        HwV: null,
        DevType: 'phone',
        Lang: null,
        DmV: '2.0',
        OEM: null,
      },
    }),
  );
}

/** Follows the keyset cursor page by page (at most 20 pages): the ids in order and each page's total. */
async function pageThrough(
  store: Store,
  query: Omit<DeviceListQuery, 'after'>,
): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let after: DeviceCursor | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const page = await store.devices.list({ ...query, ...(after === undefined ? {} : { after }) });
    totals.push(page.total);
    ids.push(...page.items.map((d) => d.devId));
    const last = page.items.at(-1);
    if (page.items.length < query.limit || last === undefined) break;
    after = cursorOf(last, query.sort);
  }
  return { ids, totals };
}

async function seed(store: Store, devices: DeviceRow[]): Promise<void> {
  for (const device of devices) expect(await store.devices.create(device)).toBe(true);
}

export function describeDeviceRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: DeviceRepository`, () => {
    const store = useFreshStore(open);

    it('finds many devices at once in devId order, leaving out unknown ones', async () => {
      await store().devices.create(makeDevice('b'));
      await store().devices.create(makeDevice('a'));
      await store().devices.create(makeDevice('c'));
      const found = await store().devices.findMany(['c', 'nobody', 'a', 'c']);
      expect(found.map((d) => d.devId)).toEqual(['a', 'c']);
      expect(await store().devices.findMany([])).toEqual([]);
    });

    it('creates and finds a device with every field', async () => {
      const device = makeDevice('IMEI:490154203237518', {
        labels: ['lab', 'eu/west'],
        pushUrl: 'https://push.example/d1',
        createdAt: at(1),
        lastSeenAt: at(2),
        devInfo: {
          Man: 'Acme',
          Mod: 'X1',
          FwV: '1.2',
          SwV: '3',
          HwV: 'B',
          DevType: 'phone',
          Lang: 'en',
          DmV: '2.0',
          OEM: 'o',
        },
        devInfoAt: at(3),
        credentials: {
          basicVerifier: 'bv',
          digestHa1Md5: 'md5',
          digestHa1Sha256: 'sha',
          notifySecretEnc: 'enc',
        },
      });
      expect(await store().devices.create(device)).toBe(true);
      expect(await store().devices.find(device.devId)).toEqual(device);
      expect(await store().devices.find('unknown')).toBeUndefined();
    });

    it('returns false on a duplicate devId and changes nothing', async () => {
      const { devices } = store();
      const original = makeDevice('d1', { labels: ['old'], pushUrl: 'https://a.example' });
      await devices.create(original);
      const clash = makeDevice('d1', { labels: ['new'], pushUrl: 'https://b.example', createdAt: at(99) });
      expect(await devices.create(clash)).toBe(false);
      expect(await devices.find('d1')).toEqual(original);
      expect((await devices.list({ label: 'new', sort: 'devId', order: 'asc', limit: 10 })).total).toBe(0);
      expect((await devices.list({ label: 'old', sort: 'devId', order: 'asc', limit: 10 })).total).toBe(1);
    });

    it('remove reports whether a device existed and takes its labels along', async () => {
      const { devices } = store();
      await devices.create(makeDevice('d1', { labels: ['lab'] }));
      expect(await devices.remove('d1')).toBe(true);
      expect(await devices.remove('d1')).toBe(false);
      expect(await devices.find('d1')).toBeUndefined();
      expect((await devices.list({ label: 'lab', sort: 'devId', order: 'asc', limit: 10 })).total).toBe(0);
      expect(await devices.create(makeDevice('d1', { labels: ['lab'] }))).toBe(true);
    });

    it('touch sets lastSeenAt and setDevInfo replaces the inventory', async () => {
      const { devices } = store();
      await devices.create(makeDevice('d1'));
      await devices.touch('d1', at(500));
      const devInfo = {
        Man: 'Acme',
        Mod: 'X2',
        FwV: '2.0',
        SwV: null,
        HwV: null,
        DevType: null,
        Lang: 'de',
        DmV: '2.0',
        OEM: null,
      };
      await devices.setDevInfo('d1', devInfo, at(600));
      const stored = await devices.find('d1');
      expect(stored?.lastSeenAt).toEqual(at(500));
      expect(stored?.devInfo).toEqual(devInfo);
      expect(stored?.devInfoAt).toEqual(at(600));
      await devices.touch('missing', at(1));
    });

    it('setPushUrl sets and clears the push URL', async () => {
      const { devices } = store();
      await devices.create(makeDevice('d1'));
      await devices.setPushUrl('d1', 'http://device.example.test/push');
      expect((await devices.find('d1'))?.pushUrl).toBe('http://device.example.test/push');
      await devices.setPushUrl('d1', null);
      expect((await devices.find('d1'))?.pushUrl).toBeNull();
    });

    it('text filter is a case-insensitive substring of devId, model, manufacturer or firmware', async () => {
      const { devices } = store();
      const info = makeDevice('x').devInfo;
      await seed(store(), [
        makeDevice('IMEI:111', { devInfo: { ...info, Mod: 'Pixel' } }),
        makeDevice('serial-222', { devInfo: { ...info, Man: 'ACME' } }),
        makeDevice('serial-333', { devInfo: { ...info, FwV: 'build.AcMe.7' } }),
        makeDevice('serial-444', { devInfo: { ...info, SwV: 'acme', OEM: 'acme' } }),
      ]);
      const find = async (text: string): Promise<string[]> =>
        (await devices.list({ text, sort: 'devId', order: 'asc', limit: 50 })).items.map((d) => d.devId);
      expect(await find('acme')).toEqual(['serial-222', 'serial-333']);
      expect(await find('imei:1')).toEqual(['IMEI:111']);
      expect(await find('XEL')).toEqual(['IMEI:111']);
      expect(await find('')).toHaveLength(4);
    });

    it('text filter treats % and _ literally', async () => {
      const { devices } = store();
      await seed(store(), [makeDevice('a_b'), makeDevice('axb'), makeDevice('100%'), makeDevice('1000')]);
      const find = async (text: string): Promise<string[]> =>
        (await devices.list({ text, sort: 'devId', order: 'asc', limit: 50 })).items.map((d) => d.devId);
      expect(await find('a_b')).toEqual(['a_b']);
      expect(await find('0%')).toEqual(['100%']);
      expect(await find('\\')).toEqual([]);
    });

    it('text filter of 1 or 2 characters and of 3 or more matches the same substrings', async () => {
      const { devices } = store();
      const info = makeDevice('x').devInfo;
      await seed(store(), [
        makeDevice('meter-01', { devInfo: { ...info, Man: 'Contoso', Mod: 'M5', FwV: '2.3.1' } }),
        makeDevice('meter-02', { devInfo: { ...info, Man: 'Fabrikam', Mod: 'Tab S', FwV: '1.0.7' } }),
        makeDevice('gw-7', { devInfo: { ...info, Man: null, Mod: null, FwV: null } }),
      ]);
      const find = async (text: string): Promise<{ ids: string[]; total: number }> => {
        const page = await devices.list({ text, sort: 'devId', order: 'asc', limit: 50 });
        return { ids: page.items.map((d) => d.devId), total: page.total };
      };
      expect(await find('m')).toEqual({ ids: ['meter-01', 'meter-02'], total: 2 });
      expect(await find('7')).toEqual({ ids: ['gw-7', 'meter-02'], total: 2 });
      expect(await find('W-')).toEqual({ ids: ['gw-7'], total: 1 });
      expect(await find('tab')).toEqual({ ids: ['meter-02'], total: 1 });
      expect(await find('CONTOSO')).toEqual({ ids: ['meter-01'], total: 1 });
      expect(await find('meter-0')).toEqual({ ids: ['meter-01', 'meter-02'], total: 2 });
      expect(await find('2.3.')).toEqual({ ids: ['meter-01'], total: 1 });
      expect(await find('.3.')).toEqual({ ids: ['meter-01'], total: 1 });
      expect(await find('b s')).toEqual({ ids: ['meter-02'], total: 1 });
      // Letters never stand in for punctuation (PostgreSQL stores '.' and ' ' as letters to index them).
      expect(await find('2B3')).toEqual({ ids: [], total: 0 });
      expect(await find('tabAs')).toEqual({ ids: [], total: 0 });
      expect(await find('  tab s ')).toEqual({ ids: ['meter-02'], total: 1 });
      // Never across two columns: 'M5' then '2.3.1', 'Contoso' then 'M5'.
      expect(await find('M52.3')).toEqual({ ids: [], total: 0 });
      expect(await find('sooM5')).toEqual({ ids: [], total: 0 });
      expect(await find('meter-03')).toEqual({ ids: [], total: 0 });
    });

    it('text filter of 3 or more characters treats %, _, quotes and FTS syntax literally', async () => {
      const { devices } = store();
      const info = makeDevice('x').devInfo;
      await seed(store(), [
        makeDevice('ab_cd'),
        makeDevice('abxcd'),
        makeDevice('100%ok'),
        makeDevice('1000ok'),
        makeDevice('say "hi" now'),
        makeDevice('m-or', { devInfo: { ...info, Mod: 'x OR y*' } }),
      ]);
      const find = async (text: string): Promise<string[]> =>
        (await devices.list({ text, sort: 'devId', order: 'asc', limit: 50 })).items.map((d) => d.devId);
      expect(await find('b_c')).toEqual(['ab_cd']);
      expect(await find('0%o')).toEqual(['100%ok']);
      expect(await find('%ok')).toEqual(['100%ok']);
      expect(await find('"hi"')).toEqual(['say "hi" now']);
      expect(await find('y "h')).toEqual(['say "hi" now']);
      expect(await find('OR y*')).toEqual(['m-or']);
      expect(await find('NEAR(a b)')).toEqual([]);
      expect(await find('a\\b')).toEqual([]);
    });

    it('text filter matches unicode text as a substring', async () => {
      const { devices } = store();
      const info = makeDevice('x').devInfo;
      await seed(store(), [
        makeDevice('de-1', { devInfo: { ...info, Mod: 'Zählerstand Ü3' } }),
        makeDevice('jp-1', { devInfo: { ...info, Man: '東芝計量器' } }),
        makeDevice('em-1', { devInfo: { ...info, FwV: 'v🚀2' } }),
      ]);
      const find = async (text: string): Promise<string[]> =>
        (await devices.list({ text, sort: 'devId', order: 'asc', limit: 50 })).items.map((d) => d.devId);
      expect(await find('zähl')).toEqual(['de-1']);
      expect(await find('lerstand Ü3')).toEqual(['de-1']);
      expect(await find('ä')).toEqual(['de-1']);
      expect(await find('計量器')).toEqual(['jp-1']);
      expect(await find('芝計')).toEqual(['jp-1']);
      expect(await find('v🚀2')).toEqual(['em-1']);
      expect(await find('🚀')).toEqual(['em-1']);
      expect(await find('zahl')).toEqual([]);
    });

    it('text filter sees inventory updates, new devices and removals at once', async () => {
      const { devices } = store();
      const info = makeDevice('x').devInfo;
      await seed(store(), [makeDevice('upd-1', { devInfo: { ...info, Mod: 'OldModel', FwV: '1.0.0' } })]);
      const find = async (text: string): Promise<string[]> =>
        (await devices.list({ text, sort: 'devId', order: 'asc', limit: 50 })).items.map((d) => d.devId);
      expect(await find('oldmodel')).toEqual(['upd-1']);
      await devices.setDevInfo('upd-1', { ...info, Mod: 'NewModel', FwV: '9.8.7' }, at(5000));
      expect(await find('oldmodel')).toEqual([]);
      expect(await find('1.0.0')).toEqual([]);
      expect(await find('newmodel')).toEqual(['upd-1']);
      expect(await find('9.8.7')).toEqual(['upd-1']);
      await devices.touch('upd-1', at(6000));
      expect(await find('newmodel')).toEqual(['upd-1']);
      expect(await devices.create(makeDevice('upd-2', { devInfo: { ...info, Man: 'NewModel Inc' } }))).toBe(
        true,
      );
      expect(await find('newmodel')).toEqual(['upd-1', 'upd-2']);
      expect(await devices.remove('upd-1')).toBe(true);
      expect(await find('newmodel')).toEqual(['upd-2']);
      expect(await find('9.8.7')).toEqual([]);
      expect(await devices.create(makeDevice('upd-1', { devInfo: { ...info, Mod: 'Third' } }))).toBe(true);
      expect(await find('upd-')).toEqual(['upd-1', 'upd-2']);
      expect(await find('third')).toEqual(['upd-1']);
    });

    it('label filter matches exact labels and combines with text; total counts every match', async () => {
      const { devices } = store();
      const devicesList = fleet();
      await seed(store(), devicesList);
      const north = devicesList.filter((d) => d.labels.includes('north'));
      const page = await devices.list({ label: 'north', sort: 'devId', order: 'asc', limit: 2 });
      expect(page.total).toBe(north.length);
      expect(page.items.map((d) => d.devId)).toEqual(expectedOrder(north, 'devId', 'asc').slice(0, 2));
      expect((await devices.list({ label: 'nor', sort: 'devId', order: 'asc', limit: 50 })).total).toBe(0);
      const both = north.filter((d) => d.devInfo.Man === 'Globex');
      const combined = await devices.list({
        label: 'north',
        text: 'globex',
        sort: 'devId',
        order: 'asc',
        limit: 50,
      });
      expect(combined.items.map((d) => d.devId)).toEqual(expectedOrder(both, 'devId', 'asc'));
      expect(combined.total).toBe(both.length);
    });

    for (const sort of SORT_KEYS) {
      for (const order of ORDERS) {
        it(`sorts by ${sort} ${order} with nulls last`, async () => {
          const devicesList = fleet();
          await seed(store(), devicesList);
          const page = await store().devices.list({ sort, order, limit: 100 });
          expect(page.items.map((d) => d.devId)).toEqual(expectedOrder(devicesList, sort, order));
          expect(page.total).toBe(devicesList.length);
        });

        it(`pages by ${sort} ${order} with a keyset cursor, every row exactly once`, async () => {
          const devicesList = fleet();
          await seed(store(), devicesList);
          const { ids, totals } = await pageThrough(store(), { sort, order, limit: 5 });
          expect(totals.every((t) => t === devicesList.length)).toBe(true);
          expect(ids).toEqual(expectedOrder(devicesList, sort, order));
        });
      }
    }

    it('pages a text search by every sort key, every match exactly once', async () => {
      const devicesList = fleet();
      await seed(store(), devicesList);
      const acme = devicesList.filter((d) => d.devInfo.Man === 'Acme Corp');
      for (const sort of SORT_KEYS) {
        for (const order of ORDERS) {
          const { ids, totals } = await pageThrough(store(), { text: 'acme c', sort, order, limit: 4 });
          expect(totals.every((t) => t === acme.length)).toBe(true);
          expect(ids, `${sort} ${order}`).toEqual(expectedOrder(acme, sort, order));
        }
      }
    });

    it('pages a filtered list with the filter kept on every page', async () => {
      const devicesList = fleet();
      await seed(store(), devicesList);
      const lab = devicesList.filter((d) => d.labels.includes('lab'));
      const first = await store().devices.list({ label: 'lab', sort: 'lastSeenAt', order: 'desc', limit: 3 });
      const last = first.items.at(-1)!;
      const second = await store().devices.list({
        label: 'lab',
        sort: 'lastSeenAt',
        order: 'desc',
        limit: 3,
        after: cursorOf(last, 'lastSeenAt'),
      });
      expect([...first.items, ...second.items].map((d) => d.devId)).toEqual(
        expectedOrder(lab, 'lastSeenAt', 'desc'),
      );
      expect(second.total).toBe(lab.length);
    });
  });
}
