// Numeric tree-value conditions of the fleet query (docs/query-language.md, "Tree values") on
// every engine: which values are numbers, several instances of an MO, missing nodes, and the
// number kept beside each node (migration 0027) following every write that changes the tree.
import { parseQuery } from '@dmc/shared/query';
import { describe, expect, it } from 'vitest';
import type { Store, TreeNodeRow } from '../ports';
import { at, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

const FUMO = 'urn:oma:mo:oma-fumo:1.0';
const NOW = at(3_600_000);

function state(miid: string, value: string | null): TreeNodeRow {
  return { moid: FUMO, miid, path: 'State', value, format: 'chr', reportedAt: at(0) };
}

/** One device per FUMO State value, as reported (`n…`: no FUMO at all). */
const STATES: Record<string, string | null> = {
  a10: '10',
  b10sp: ' 10 ',
  c10pt: '10.0',
  d1e1: '1e1',
  e10pl: '+10',
  f010: '010',
  g20: '20',
  h9: '9',
  i100: '100',
  jneg: '-2.5',
  khex: '0x10',
  ldots: '1.2.3',
  mhuge: '1e999',
  nempty: '',
  onull: null,
  ptext: 'ten',
  qpct: '10 %',
  rbig: '12345678901234567890',
};

async function seed(store: Store): Promise<void> {
  for (const [devId, value] of Object.entries(STATES)) {
    expect(await store.devices.create(makeDevice(devId))).toBe(true);
    await store.tree.replaceInstances(devId, [{ moid: FUMO, miid: 'fw', ddf: null }]);
    await store.tree.upsertNodes(devId, [state('fw', value)]);
  }
  expect(await store.devices.create(makeDevice('zmissing'))).toBe(true);
}

const ALL = [...Object.keys(STATES), 'zmissing'];
const except = (...ids: string[]): string[] => ALL.filter((id) => !ids.includes(id));
const TENS = ['a10', 'b10sp', 'c10pt', 'd1e1', 'e10pl', 'f010'];

export function describeTreeValueQueryContract(name: string, open: OpenStore): void {
  describe(`${name}: numeric tree-value conditions`, () => {
    const store = useFreshStore(open);

    async function matching(query: string): Promise<string[]> {
      const parsed = parseQuery(query);
      if (!parsed.ok || parsed.expr === null) throw new Error(`bad test query ${query}`);
      const filter = { expr: parsed.expr, now: NOW };
      const page = await store().devices.list({ sort: 'devId', order: 'asc', limit: 100, filter });
      expect(page.total).toBe(page.items.length);
      return page.items.map((d) => d.devId);
    }

    it.each([
      // Plain decimal numbers, with white space, sign, exponent or leading zeros, are numbers.
      ['@FUMO/State = 10', TENS],
      ['@FUMO/State != 10', except(...TENS)],
      ['NOT @FUMO/State = 10', except(...TENS)],
      ['@FUMO/State > 10', ['g20', 'i100', 'rbig']],
      ['@FUMO/State <= 9', ['h9', 'jneg']],
      ['@FUMO/State < 0', ['jneg']],
      ['@FUMO/State = -2.5', ['jneg']],
      ['@FUMO/State > 1000000', ['rbig']],
      // Text is compared as text: "10" is not " 10 ", and 0x10, 1.2.3, 1e999 match text only.
      ['@FUMO/State = "10"', ['a10']],
      ['@FUMO/State ~ "10"', ['a10', 'b10sp', 'c10pt', 'e10pl', 'f010', 'i100', 'khex', 'qpct']],
      ['@FUMO/State !~ "1"', ['g20', 'h9', 'jneg', 'nempty', 'onull', 'ptext', 'zmissing']],
      ['@FUMO/State IN ("0x10", "1e999")', ['khex', 'mhuge']],
      ['@FUMO/State < "2"', except('g20', 'h9', 'onull', 'ptext', 'zmissing')],
      // A node without a value and a device without the node: = null; every numeric != matches them.
      ['@FUMO/State = null', ['onull', 'zmissing']],
      [
        '@FUMO/State != null AND NOT @FUMO/State > -1000000',
        ['khex', 'ldots', 'mhuge', 'nempty', 'ptext', 'qpct'],
      ],
    ])('%s', async (query, expected) => {
      await seed(store());
      expect(await matching(query)).toEqual(expected);
    });

    it('holds when some instance of the MO satisfies it, and != only when none is equal', async () => {
      const { devices, tree } = store();
      for (const devId of ['two', 'one']) expect(await devices.create(makeDevice(devId))).toBe(true);
      const instances = [
        { moid: FUMO, miid: 'fw', ddf: null },
        { moid: FUMO, miid: 'modem', ddf: null },
      ];
      await tree.replaceInstances('two', instances);
      await tree.upsertNodes('two', [state('fw', '10'), state('modem', '20')]);
      await tree.replaceInstances('one', instances.slice(0, 1));
      await tree.upsertNodes('one', [state('fw', '20')]);
      expect(await matching('@FUMO/State = 10')).toEqual(['two']);
      expect(await matching('@FUMO/State = 20')).toEqual(['one', 'two']);
      expect(await matching('@FUMO/State != 10')).toEqual(['one']);
      expect(await matching('tree["urn:oma:mo:oma-fumo:1.0/modem/State"] != 10')).toEqual(['one', 'two']);
      expect(await matching('tree["urn:oma:mo:oma-fumo:1.0/fw/State"] > 15')).toEqual(['one']);
    });

    it('follows the value through updates, subtree deletes and dropped instances', async () => {
      const { devices, tree } = store();
      expect(await devices.create(makeDevice('d'))).toBe(true);
      await tree.replaceInstances('d', [{ moid: FUMO, miid: 'fw', ddf: null }]);
      await tree.upsertNodes('d', [state('fw', '10')]);
      expect(await matching('@FUMO/State = 10')).toEqual(['d']);
      // A number becomes text, then another number.
      await tree.upsertNodes('d', [state('fw', 'idle')]);
      expect(await matching('@FUMO/State = 10')).toEqual([]);
      expect(await matching('@FUMO/State != 10')).toEqual(['d']);
      expect(await matching('@FUMO/State = "idle"')).toEqual(['d']);
      await tree.upsertNodes('d', [state('fw', '30')]);
      expect(await matching('@FUMO/State > 20')).toEqual(['d']);
      await tree.upsertNodes('d', [state('fw', null)]);
      expect(await matching('@FUMO/State > 20')).toEqual([]);
      await tree.upsertNodes('d', [state('fw', '30')]);
      await tree.deleteSubtree('d', FUMO, 'fw', 'State');
      expect(await matching('@FUMO/State > 20')).toEqual([]);
      expect(await matching('@FUMO/State = null')).toEqual(['d']);
      await tree.upsertNodes('d', [state('fw', '30')]);
      await tree.replaceInstances('d', []);
      expect(await matching('@FUMO/State > 20')).toEqual([]);
      await tree.replaceInstances('d', [{ moid: FUMO, miid: 'fw', ddf: null }]);
      await tree.upsertNodes('d', [state('fw', '40')]);
      expect(await matching('@FUMO/State > 20')).toEqual(['d']);
      expect(await devices.remove('d')).toBe(true);
      expect(await matching('@FUMO/State > 20')).toEqual([]);
    });
  });
}
