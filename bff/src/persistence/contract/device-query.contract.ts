// The fleet query language compiled to SQL (docs/query-language.md), on every engine: the same
// query picks the same devices on SQLite and PostgreSQL.
import { parseQuery } from '@dmc/shared/query';
import { describe, expect, it } from 'vitest';
import type { DeviceListQuery, DeviceRow, Store, TreeNodeRow } from '../ports';
import { at, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

const FUMO = 'urn:oma:mo:oma-fumo:1.0';
const SCOMO = 'urn:oma:mo:oma-scomo:1.0';
const DEVINFO_12 = 'urn:oma:mo:oma-dm-devinfo:1.2';
const HOUR = 3_600_000;
/** "Now" for the queries: a day after T0. */
const NOW = at(24 * HOUR);

const info = makeDevice('x').devInfo;

function device(
  devId: string,
  overrides: Partial<DeviceRow> & { Mod?: string | null; FwV?: string | null; Man?: string | null },
): DeviceRow {
  const { Mod = null, FwV = null, Man = null, ...rest } = overrides;
  return makeDevice(devId, { devInfo: { ...info, Mod, FwV, Man }, ...rest });
}

/** Six devices with nulls, labels, contact times and tree values of every kind. */
const FLEET: DeviceRow[] = [
  device('d1', {
    Mod: 'Sim-1',
    FwV: '1.10',
    Man: 'Acme',
    labels: ['north', 'lab'],
    lastSeenAt: at(24 * HOUR - 60_000),
  }),
  device('d2', {
    Mod: 'Sim-1',
    FwV: '2.0',
    Man: 'ACME Corp',
    labels: ['north'],
    lastSeenAt: at(23.5 * HOUR),
  }),
  device('d3', { Mod: 'Sim-2', FwV: '10.0', Man: 'Globex', labels: ['south'], lastSeenAt: at(2 * HOUR) }),
  device('d4', { Mod: null, FwV: null, Man: '100%', labels: [], lastSeenAt: null, createdAt: at(5000) }),
  device('d5', {
    Mod: 'NW-100',
    FwV: '1.9.9',
    Man: 'Northwind',
    labels: ['lab'],
    lastSeenAt: at(20 * HOUR),
    createdAt: at(3000),
  }),
  device('d6', {
    Mod: 'sim-1',
    FwV: '2.0.1',
    Man: null,
    labels: ['eu/west'],
    lastSeenAt: at(24 * HOUR),
    createdAt: at(9000),
  }),
];

function node(moid: string, miid: string, path: string, value: string | null): TreeNodeRow {
  return { moid, miid, path, value, format: value === null ? 'node' : 'chr', reportedAt: at(0) };
}

const TREES: Record<string, TreeNodeRow[]> = {
  d1: [node(FUMO, 'fw', 'State', '100'), node(SCOMO, 'sw', 'Inventory/Deployed/agent/State', '20')],
  d2: [
    node(FUMO, 'fw', 'State', '10'),
    node(FUMO, 'fw', 'PkgName', 'Big Update'),
    node(DEVINFO_12, 'd1', 'Ext/Note', 'abc'),
  ],
  d3: [node(FUMO, 'other', 'State', '9'), node(SCOMO, 'sw', 'Inventory/Deployed/agent/x/State', '20')],
  d5: [node(FUMO, 'fw', 'State', null), node(DEVINFO_12, 'd1', 'Ext/Note', '7.5')],
};

async function seedFleet(store: Store): Promise<void> {
  for (const d of FLEET) expect(await store.devices.create(d)).toBe(true);
  for (const [devId, nodes] of Object.entries(TREES)) {
    const instances = [...new Set(nodes.map((n) => `${n.moid} ${n.miid}`))].map((key) => {
      const [moid = '', miid = ''] = key.split(' ');
      return { moid, miid, ddf: null };
    });
    await store.tree.replaceInstances(devId, instances);
    await store.tree.upsertNodes(devId, nodes);
  }
}

export function describeDeviceQueryContract(name: string, open: OpenStore): void {
  describe(`${name}: DeviceRepository query filter`, () => {
    const store = useFreshStore(open);

    async function matching(query: string, extra: Partial<DeviceListQuery> = {}): Promise<string[]> {
      const parsed = parseQuery(query);
      if (!parsed.ok || parsed.expr === null) throw new Error(`bad test query ${query}`);
      const page = await store().devices.list({
        sort: 'devId',
        order: 'asc',
        limit: 100,
        filter: { expr: parsed.expr, now: NOW },
        ...extra,
      });
      expect(page.total).toBe(page.items.length);
      // listIds selects the same devices, ids only.
      const { sort: _sort, order: _order, withTotal: _withTotal, ...idQuery } = extra;
      expect(
        await store().devices.listIds({ limit: 100, filter: { expr: parsed.expr, now: NOW }, ...idQuery }),
      ).toEqual(page.items.map((d) => d.devId));
      return page.items.map((d) => d.devId);
    }

    it.each([
      ['Mod = "Sim-1"', ['d1', 'd2']],
      ['Mod != "Sim-1"', ['d3', 'd4', 'd5', 'd6']],
      ['NOT Mod = "Sim-1"', ['d3', 'd4', 'd5', 'd6']],
      ['Mod = null', ['d4']],
      ['Mod != null AND NOT Mod ~ "sim"', ['d5']],
      // Versions order segment by segment, numbers as numbers: 1.9.9 < 1.10 < 2.0 < 2.0.1 < 10.0.
      ['FwV < "2.0"', ['d1', 'd5']],
      ['FwV < 2.0', ['d1', 'd5']],
      ['FwV >= 2.0', ['d2', 'd3', 'd6']],
      ['FwV < "1.10"', ['d5']],
      ['FwV > "1.9"', ['d1', 'd2', 'd3', 'd5', 'd6']],
      ['FwV <= "2.0"', ['d1', 'd2', 'd5']],
      ['FwV > "2.0-rc1"', ['d2', 'd3', 'd6']],
      ['FwV < "2.0-rc1"', ['d1', 'd5']],
      ['NOT FwV < "2.0"', ['d2', 'd3', 'd4', 'd6']],
      // = stays exact text: "2" is not "2.0".
      ['FwV = "2.0"', ['d2']],
      ['FwV = 2', []],
      ['Man ~ "acme"', ['d1', 'd2']],
      ['Man !~ "acme"', ['d3', 'd4', 'd5', 'd6']],
      ['Man ~ "0%"', ['d4']],
      ['Mod IN ("Sim-2", "NW-100", "x")', ['d3', 'd5']],
      ['devId IN ("d1", "d6") OR Mod = "Sim-2"', ['d1', 'd3', 'd6']],
    ])('device fields: %s', async (query, expected) => {
      await seedFleet(store());
      expect(await matching(query)).toEqual(expected);
    });

    it.each([
      ['label = "north"', ['d1', 'd2']],
      ['label != "north"', ['d3', 'd4', 'd5', 'd6']],
      ['label ~ "ORT"', ['d1', 'd2']],
      ['label = "eu/west"', ['d6']],
      ['label IN ("lab", "south")', ['d1', 'd3', 'd5']],
      ['label = null', ['d4']],
      ['label = "north" AND label = "lab"', ['d1']],
    ])('labels: %s', async (query, expected) => {
      await seedFleet(store());
      expect(await matching(query)).toEqual(expected);
    });

    it.each([
      ['online', ['d1', 'd6']],
      ['online = false', ['d2', 'd3', 'd4', 'd5']],
      ['lastSeen > -1h', ['d1', 'd2', 'd6']],
      ['lastSeen < -1h', ['d3', 'd5']],
      ['lastSeen = null', ['d4']],
      ['NOT lastSeen > -1h', ['d3', 'd4', 'd5']],
      ['createdAt >= 2026-01-01T00:00:05Z', ['d4', 'd6']],
      ['createdAt < "2026-01-01T00:00:04Z" AND createdAt > 2026-01-01', ['d5']],
    ])('online and times: %s', async (query, expected) => {
      await seedFleet(store());
      expect(await matching(query)).toEqual(expected);
    });

    it.each([
      ['@FUMO/State = 100', ['d1']],
      ['@FUMO/State = "100"', ['d1']],
      ['@FUMO/State > 9', ['d1', 'd2']],
      ['@FUMO/State > "9"', []],
      ['@FUMO/State != 100', ['d2', 'd3', 'd4', 'd5', 'd6']],
      ['@FUMO/State = null', ['d4', 'd5', 'd6']],
      ['@FUMO/State != null', ['d1', 'd2', 'd3']],
      ['@FUMO/PkgName ~ "big"', ['d2']],
      ['tree["urn:oma:mo:oma-fumo:1.0/other/State"] = 9', ['d3']],
      ['tree["urn:oma:mo:oma-fumo:1.0//State"] IN ("10", "9")', ['d2', 'd3']],
      ['@SCOMO/Inventory/Deployed/*/State = "20"', ['d1']],
      ['@DevInfo/Ext/Note > 5', ['d5']],
      ['@DevInfo/Ext/Note < 100 OR @DevInfo/Ext/Note = "abc"', ['d2', 'd5']],
      ['tree["urn:oma:mo:oma-dm-devinfo:1.0//Ext/Note"] != null', []],
    ])('tree values: %s', async (query, expected) => {
      await seedFleet(store());
      expect(await matching(query)).toEqual(expected);
    });

    it('version comparisons follow DevInfo as it changes, for FwV and SwV', async () => {
      const { devices } = store();
      await devices.create(makeDevice('v1', { devInfo: { ...info, FwV: '1.9', SwV: '3.0-beta' } }));
      await devices.create(makeDevice('v2', { devInfo: { ...info, FwV: '1.10', SwV: '3.0' } }));
      expect(await matching('FwV > "1.9"')).toEqual(['v2']);
      expect(await matching('SwV < "3.0"')).toEqual(['v1']);
      await devices.setDevInfo('v1', { ...info, FwV: '1.11', SwV: null }, at(10));
      expect(await matching('FwV > "1.10"')).toEqual(['v1']);
      expect(await matching('SwV < "3.0"')).toEqual([]);
      expect(await matching('SwV >= "3.0-rc.1"')).toEqual(['v2']);
    });

    it('combines with the text and label filters, sorts and pages by cursor', async () => {
      await seedFleet(store());
      const parsed = parseQuery('Mod ~ "sim" OR label = "lab"');
      if (!parsed.ok || parsed.expr === null) throw new Error('bad query');
      const filter = { expr: parsed.expr, now: NOW };
      const base = { filter, sort: 'lastSeenAt', order: 'desc', limit: 2 } as const;
      const first = await store().devices.list(base);
      expect(first.total).toBe(5);
      expect(first.items.map((d) => d.devId)).toEqual(['d6', 'd1']);
      const last = first.items[1];
      if (!last) throw new Error('no row');
      const second = await store().devices.list({
        ...base,
        after: { value: last.lastSeenAt?.getTime() ?? null, devId: last.devId },
      });
      expect(second.items.map((d) => d.devId)).toEqual(['d2', 'd5']);
      expect(
        (await store().devices.list({ ...base, limit: 10, text: 'acme' })).items.map((d) => d.devId),
      ).toEqual(['d1', 'd2']);
      expect((await store().devices.list({ ...base, limit: 10, label: 'north' })).total).toBe(2);
      const uncounted = await store().devices.list({ ...base, withTotal: false });
      expect(uncounted.total).toBe(-1);
      expect(uncounted.items).toHaveLength(2);
      // Ids only, in devId order, paged by the last id.
      const ids = await store().devices.listIds({ filter, limit: 3 });
      expect(ids).toEqual(['d1', 'd2', 'd3']);
      expect(
        await store().devices.listIds({ filter, limit: 3, after: { value: 'd3', devId: 'd3' } }),
      ).toEqual(['d5', 'd6']);
    });
  });
}
