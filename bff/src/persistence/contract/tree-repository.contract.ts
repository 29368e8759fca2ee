import { describe, expect, it } from 'vitest';
import { NodeLimitError, type NodeChange } from '../ports';
import { NODE_BATCH } from '../kysely/tree-repository';
import { at, makeDevice, makeNode, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0';
const FUMO = 'urn:oma:mo:oma-fumo:1.0';

function byPath(changes: NodeChange[]): NodeChange[] {
  return [...changes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function describeTreeRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: TreeRepository`, () => {
    const store = useFreshStore(open);
    const seedDevice = async (devId = 'd1'): Promise<void> => {
      await store().devices.create(makeDevice(devId));
    };

    it('replaceInstances sets the instance list and drops nodes of dropped instances', async () => {
      await seedDevice();
      const { tree } = store();
      await tree.replaceInstances('d1', [
        { moid: DEVINFO, miid: '1', ddf: null },
        { moid: FUMO, miid: 'a', ddf: 'https://ddf.example/fumo' },
        { moid: FUMO, miid: 'b', ddf: null },
      ]);
      await tree.upsertNodes('d1', [
        makeNode('Mod', 'X1'),
        makeNode('State', '10', { moid: FUMO, miid: 'b' }),
        makeNode('Orphan', '1', { moid: FUMO, miid: 'never-registered' }),
      ]);
      await tree.replaceInstances('d1', [
        { moid: DEVINFO, miid: '1', ddf: 'https://ddf.example/devinfo' },
        { moid: FUMO, miid: 'a', ddf: null },
      ]);
      expect(await tree.listInstances('d1')).toEqual([
        { moid: DEVINFO, miid: '1', ddf: 'https://ddf.example/devinfo' },
        { moid: FUMO, miid: 'a', ddf: null },
      ]);
      expect((await tree.listNodes('d1')).map((n) => n.path)).toEqual(['Mod']);
    });

    it('addInstance adds an unknown instance and leaves a known one alone', async () => {
      await seedDevice();
      const { tree } = store();
      await tree.addInstance('d1', { moid: FUMO, miid: 'a', ddf: 'first' });
      await tree.addInstance('d1', { moid: FUMO, miid: 'a', ddf: 'second' });
      await tree.addInstance('d1', { moid: FUMO, miid: 'b', ddf: null });
      expect(await tree.listInstances('d1')).toEqual([
        { moid: FUMO, miid: 'a', ddf: 'first' },
        { moid: FUMO, miid: 'b', ddf: null },
      ]);
    });

    it('upsertNodes reports new and changed values only', async () => {
      await seedDevice();
      const { tree } = store();
      const first = await tree.upsertNodes('d1', [
        makeNode('Man', 'Acme'),
        makeNode('Mod', 'X1'),
        makeNode('Ext', null),
      ]);
      expect(byPath(first)).toEqual([
        { moid: DEVINFO, miid: '1', path: 'Ext', oldValue: null, newValue: null, deleted: false },
        { moid: DEVINFO, miid: '1', path: 'Man', oldValue: null, newValue: 'Acme', deleted: false },
        { moid: DEVINFO, miid: '1', path: 'Mod', oldValue: null, newValue: 'X1', deleted: false },
      ]);
      const second = await tree.upsertNodes('d1', [
        makeNode('Man', 'Acme', { reportedAt: at(10) }),
        makeNode('Mod', 'X2', { reportedAt: at(10) }),
        makeNode('Ext', null, { reportedAt: at(10) }),
      ]);
      expect(second).toEqual([
        { moid: DEVINFO, miid: '1', path: 'Mod', oldValue: 'X1', newValue: 'X2', deleted: false },
      ]);
      const nodes = await tree.listNodes('d1');
      expect(nodes.find((n) => n.path === 'Man')).toEqual(makeNode('Man', 'Acme', { reportedAt: at(10) }));
      expect(await tree.upsertNodes('d1', [])).toEqual([]);
    });

    it('upsertNodes handles hundreds of nodes across instances in one call', async () => {
      await seedDevice();
      const { tree } = store();
      const nodes = Array.from({ length: 600 }, (_, i) =>
        makeNode(`Node/${String(i).padStart(4, '0')}`, `v${i}`, { miid: i % 2 === 0 ? '1' : '2' }),
      );
      expect(await tree.upsertNodes('d1', nodes)).toHaveLength(600);
      const changed = nodes.map((n, i) => (i % 100 === 0 ? { ...n, value: 'changed' } : n));
      const changes = await tree.upsertNodes('d1', changed);
      expect(changes).toHaveLength(6);
      expect(changes.every((c) => c.newValue === 'changed' && c.oldValue !== null)).toBe(true);
      expect(await tree.listNodes('d1')).toHaveLength(600);
    });

    it('upsertNodes over several batches reports exactly the new and changed nodes', async () => {
      await seedDevice();
      const { tree } = store();
      const count = NODE_BATCH * 2 + 7;
      const nodes = Array.from({ length: count }, (_, i) => makeNode(`N/${i}`, `v${i}`));
      expect(await tree.upsertNodes('d1', nodes)).toHaveLength(count);
      // One changed value per batch, one new node, and a path given twice (the last one counts).
      const next = nodes.map((n, i) => (i % NODE_BATCH === 3 ? { ...n, value: 'changed' } : n));
      next.push(makeNode('N/new', 'fresh'), makeNode('N/0', 'first'), makeNode('N/0', 'last'));
      const changes = await tree.upsertNodes('d1', next);
      const expected: (string | null)[][] = [
        ['N/0', 'v0', 'last'],
        ...[3, NODE_BATCH + 3, 2 * NODE_BATCH + 3].map((i) => [`N/${i}`, `v${i}`, 'changed']),
        ['N/new', null, 'fresh'],
      ];
      const actual = byPath(changes).map((c) => [c.path, c.oldValue, c.newValue]);
      expect(actual).toEqual(expected.sort((x, y) => ((x[0] ?? '') < (y[0] ?? '') ? -1 : 1)));
      expect(await tree.countNodes('d1')).toBe(count + 1);
      expect((await tree.listNodes('d1')).find((n) => n.path === 'N/0')?.value).toBe('last');
    });

    it('upsertNodes over maxStoredNodes throws NodeLimitError and stores nothing', async () => {
      await seedDevice();
      const { tree } = store();
      await tree.upsertNodes('d1', [makeNode('A', '1'), makeNode('B', '2')]);
      // Updates of stored nodes add nothing, so they pass at the limit.
      await tree.upsertNodes('d1', [makeNode('A', 'x'), makeNode('C', '3')], { maxStoredNodes: 3 });
      const over = [makeNode('A', 'y'), makeNode('D', '4'), makeNode('E', '5')];
      const err = await tree.upsertNodes('d1', over, { maxStoredNodes: 4 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NodeLimitError);
      expect(err).toMatchObject({ stored: 3, adding: 2, max: 4 });
      expect((await tree.listNodes('d1')).map((n) => [n.path, n.value])).toEqual([
        ['A', 'x'],
        ['B', '2'],
        ['C', '3'],
      ]);
    });

    it('deleteSubtree removes the node and its descendants, not siblings sharing a prefix', async () => {
      await seedDevice();
      const { tree } = store();
      await tree.upsertNodes('d1', [
        makeNode('Foo', null),
        makeNode('Foo/A', '1'),
        makeNode('Foo/A/B', '2'),
        makeNode('FooBar', '3'),
        makeNode('Foo2/A', '4'),
        makeNode('foo/a', '5'),
        makeNode('Foo/A', '6', { miid: '2' }),
      ]);
      const deleted = await tree.deleteSubtree('d1', DEVINFO, '1', 'Foo');
      expect(byPath(deleted)).toEqual([
        { moid: DEVINFO, miid: '1', path: 'Foo', oldValue: null, newValue: null, deleted: true },
        { moid: DEVINFO, miid: '1', path: 'Foo/A', oldValue: '1', newValue: null, deleted: true },
        { moid: DEVINFO, miid: '1', path: 'Foo/A/B', oldValue: '2', newValue: null, deleted: true },
      ]);
      expect((await tree.listNodes('d1', { moid: DEVINFO, miid: '1' })).map((n) => n.path)).toEqual([
        'Foo2/A',
        'FooBar',
        'foo/a',
      ]);
      expect(await tree.listNodes('d1', { moid: DEVINFO, miid: '2' })).toHaveLength(1);
    });

    it("deleteSubtree with '' removes every node of the instance only", async () => {
      await seedDevice();
      const { tree } = store();
      await tree.upsertNodes('d1', [
        makeNode('A', '1'),
        makeNode('B/C', '2'),
        makeNode('A', '3', { miid: '2' }),
      ]);
      expect(await tree.deleteSubtree('d1', DEVINFO, '1', '')).toHaveLength(2);
      expect(await tree.listNodes('d1')).toEqual([makeNode('A', '3', { miid: '2' })]);
      expect(await tree.deleteSubtree('d1', DEVINFO, '1', 'A')).toEqual([]);
    });

    it('listNodes filters by moid and miid and keeps devices apart', async () => {
      await seedDevice('d1');
      await seedDevice('d2');
      const { tree } = store();
      await tree.upsertNodes('d1', [makeNode('A', '1'), makeNode('S', '2', { moid: FUMO, miid: 'x' })]);
      await tree.upsertNodes('d2', [makeNode('A', '9')]);
      // Ordered by moid, miid, path: devinfo sorts before fumo.
      expect((await tree.listNodes('d1')).map((n) => n.path)).toEqual(['A', 'S']);
      expect(await tree.listNodes('d1', { moid: FUMO })).toEqual([
        makeNode('S', '2', { moid: FUMO, miid: 'x' }),
      ]);
      expect(await tree.listNodes('d1', { moid: FUMO, miid: 'y' })).toEqual([]);
      expect(await tree.listNodes('d2')).toEqual([makeNode('A', '9')]);
    });

    it('removing the device removes its instances and nodes', async () => {
      await seedDevice();
      const { tree, devices } = store();
      await tree.addInstance('d1', { moid: DEVINFO, miid: '1', ddf: null });
      await tree.upsertNodes('d1', [makeNode('A', '1')]);
      await devices.remove('d1');
      expect(await tree.listInstances('d1')).toEqual([]);
      expect(await tree.listNodes('d1')).toEqual([]);
    });
  });
}
