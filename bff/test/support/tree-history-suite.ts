// The tree history (protocol §13) against a real store, run on SQLite and on PostgreSQL: what each
// writer records, the tree as of a time, diffs, a node's history, and retention with its horizon.
import { describe, expect, it } from 'vitest';
import type { DeviceTree, TreeDiffQuery } from '@dmc/shared/api';
import { concreteClientUri } from '@dmc/shared/protocol';
import { makeDevice, makeNode } from '../../src/persistence/contract/fixtures';
import type { Store, TreeWriteCause } from '../../src/persistence/ports';
import { nodeHistory, treeAsOf, treeDiff } from '../../src/domain/tree/tree-history.service';
import { pruneTreeHistory } from '../../src/domain/tree/tree-history-retention';
import { getDeviceTree } from '../../src/domain/tree/tree.service';

const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0';
const T0 = Date.UTC(2026, 0, 1);
const t = (minutes: number) => new Date(T0 + minutes * 60_000);
const cause = (minutes: number, commandId: string | null = null): TreeWriteCause => ({
  at: t(minutes),
  source: 'session',
  sessionId: `s-${minutes}`,
  commandId,
});
const node = (path: string, value: string | null, format = 'chr') =>
  makeNode(path, value, { format, reportedAt: t(0) });
const uri = (path: string) => concreteClientUri(DEVINFO, '1', path);
const diffQuery = (q: Partial<TreeDiffQuery>): TreeDiffQuery => ({ limit: 500, ...q });

/** path → value of every node in a tree. */
function values(tree: DeviceTree): Record<string, string | null> {
  return Object.fromEntries(tree.instances.flatMap((i) => i.nodes.map((n) => [n.path, n.value])));
}

export function treeHistorySuite(open: () => Promise<Store>, close: (store: Store) => Promise<void>) {
  let devices = 0;
  async function device(store: Store): Promise<string> {
    devices += 1;
    const devId = `hist-${devices}`;
    await store.devices.create(makeDevice(devId));
    return devId;
  }

  /** A device written at minutes 10 (A=1, B=x), 20 (A=2, C added), 30 (B deleted), 40 (A=3). */
  async function story(store: Store): Promise<string> {
    const devId = await device(store);
    await store.tree.upsertNodes(devId, [node('A', '1'), node('B', 'x')], { cause: cause(10, 'c1') });
    await store.tree.upsertNodes(devId, [node('A', '2'), node('B', 'x'), node('C', 'c')], {
      cause: cause(20, 'c2'),
    });
    await store.tree.deleteSubtree(devId, DEVINFO, '1', 'B', cause(30, 'c3'));
    await store.tree.upsertNodes(devId, [node('A', '3')], { cause: cause(40, 'c4') });
    return devId;
  }

  describe('tree history', () => {
    it('records adds, changes (value or format) and deletes with their cause, and nothing unchanged', async () => {
      const store = await open();
      try {
        const devId = await story(store);
        // B=x re-reported at 20 changed nothing: 2 + 2 + 1 + 1 rows.
        expect(await store.treeHistory.count(devId)).toBe(6);
        await store.tree.upsertNodes(devId, [node('A', '3', 'int')], { cause: cause(50) });
        const history = await nodeHistory(store, devId, { path: uri('A'), limit: 10 });
        expect(history.entries.map((e) => [e.op, e.oldValue, e.value, e.format, e.commandId])).toEqual([
          ['set', '3', '3', 'int', null],
          ['set', '2', '3', 'chr', 'c4'],
          ['set', '1', '2', 'chr', 'c2'],
          ['add', null, '1', 'chr', 'c1'],
        ]);
        expect(history.entries[1]).toMatchObject({ sessionId: 's-40', source: 'session' });
        const deleted = await nodeHistory(store, devId, { path: uri('B'), limit: 10 });
        expect(deleted.entries[0]).toMatchObject({
          op: 'delete',
          value: null,
          oldValue: 'x',
          commandId: 'c3',
        });
        // Instances dropped from P1's list take their nodes, recorded as deletes.
        await store.tree.replaceInstances(devId, [], cause(60));
        expect((await nodeHistory(store, devId, { path: uri('C'), limit: 1 })).entries[0]).toMatchObject({
          op: 'delete',
          oldValue: 'c',
          sessionId: 's-60',
        });
      } finally {
        await close(store);
      }
    });

    it('pages a node history newest first', async () => {
      const store = await open();
      try {
        const devId = await device(store);
        for (let i = 0; i < 7; i += 1) {
          await store.tree.upsertNodes(devId, [node('A', `v${i}`)], { cause: cause(i) });
        }
        const first = await nodeHistory(store, devId, { path: uri('A'), limit: 3 });
        expect(first.entries.map((e) => e.value)).toEqual(['v6', 'v5', 'v4']);
        const second = await nodeHistory(store, devId, {
          path: uri('A'),
          limit: 5,
          cursor: first.nextCursor ?? '',
        });
        expect(second.entries.map((e) => e.value)).toEqual(['v3', 'v2', 'v1', 'v0']);
        expect(second.nextCursor).toBeNull();
      } finally {
        await close(store);
      }
    });

    it('gives the tree as of any time, in the shape of the current tree', async () => {
      const store = await open();
      try {
        const devId = await story(store);
        const asOf = async (m: number) => values(await treeAsOf(store, devId, t(m), []));
        expect(await asOf(5)).toEqual({});
        expect(await asOf(10)).toEqual({ A: '1', B: 'x' });
        expect(await asOf(25)).toEqual({ A: '2', B: 'x', C: 'c' });
        expect(await asOf(30)).toEqual({ A: '2', C: 'c' });
        expect(await asOf(99)).toEqual(values(await getDeviceTree(store, devId)));
        const tree = await treeAsOf(store, devId, t(25), []);
        expect(tree).toMatchObject({ devId, asOf: t(25).toISOString(), horizon: null, complete: true });
        expect(tree.instances[0]?.nodes.map((n) => n.path)).toEqual(['A', 'B', 'C']);
      } finally {
        await close(store);
      }
    });

    it('diffs two times: changed nodes only, old → new, with the last cause', async () => {
      const store = await open();
      try {
        const devId = await story(store);
        const now = t(100);
        const diff = await treeDiff(store, devId, diffQuery({ from: t(15).toISOString() }), now);
        expect(diff.changes.map((c) => [c.path, c.kind, c.before, c.after, c.commandId])).toEqual([
          [uri('A'), 'changed', '1', '3', 'c4'],
          [uri('B'), 'removed', 'x', null, 'c3'],
          [uri('C'), 'added', null, 'c', 'c2'],
        ]);
        const window = await treeDiff(
          store,
          devId,
          diffQuery({ from: t(10).toISOString(), to: t(20).toISOString(), limit: 1 }),
          now,
        );
        expect(window.changes.map((c) => c.path)).toEqual([uri('A')]);
        const rest = await treeDiff(
          store,
          devId,
          diffQuery({ from: t(10).toISOString(), to: t(20).toISOString(), cursor: window.nextCursor ?? '' }),
          now,
        );
        expect(rest.changes.map((c) => [c.path, c.kind])).toEqual([[uri('C'), 'added']]);
        expect(rest.nextCursor).toBeNull();
        // A node changed and changed back is no change.
        await store.tree.upsertNodes(devId, [node('A', '9')], { cause: cause(50) });
        await store.tree.upsertNodes(devId, [node('A', '3')], { cause: cause(51) });
        const back = await treeDiff(store, devId, diffQuery({ from: t(45).toISOString() }), now);
        expect(back.changes).toEqual([]);
      } finally {
        await close(store);
      }
    });

    it('diffs a device against another, now or as of a time', async () => {
      const store = await open();
      try {
        const devId = await story(store);
        const other = await device(store);
        await store.tree.upsertNodes(other, [node('A', '3'), node('B', 'y')], { cause: cause(10) });
        const diff = await treeDiff(store, devId, diffQuery({ against: other }), t(100));
        expect(diff.changes.map((c) => [c.path, c.kind, c.before, c.after])).toEqual([
          [uri('B'), 'removed', 'y', null],
          [uri('C'), 'added', null, 'c'],
        ]);
        const then = await treeDiff(
          store,
          devId,
          diffQuery({ against: other, at: t(12).toISOString() }),
          t(100),
        );
        expect(then.changes.map((c) => [c.path, c.before, c.after])).toEqual([
          [uri('A'), '3', '1'],
          [uri('B'), 'y', 'x'],
        ]);
      } finally {
        await close(store);
      }
    });

    it('retention by age folds into a horizon and keeps the tree as of later times exact', async () => {
      const store = await open();
      try {
        const devId = await story(store);
        const expected = await Promise.all(
          [25, 30, 45].map(async (m) => values(await treeAsOf(store, devId, t(m), []))),
        );
        // Keep 80 days before "now" = minute 15 + 80 days: rows at 10 go.
        const clock = { now: () => new Date(t(15).getTime() + 80 * 86_400_000) };
        // Retention runs over every device (others of the suite may share the database).
        expect(await pruneTreeHistory(store, clock, { days: 80, perDevice: 1_000 })).toBeGreaterThanOrEqual(
          2,
        );
        expect(await store.treeHistory.count(devId)).toBe(4);
        expect(await pruneTreeHistory(store, clock, { days: 80, perDevice: 1_000 })).toBe(0);
        expect(await store.treeHistory.horizon(devId)).toEqual(t(10));
        const after = await Promise.all(
          [25, 30, 45].map(async (m) => values(await treeAsOf(store, devId, t(m), []))),
        );
        expect(after).toEqual(expected);
        const early = await treeAsOf(store, devId, t(5), []);
        expect(early).toMatchObject({
          complete: false,
          horizon: t(10).toISOString(),
          asOf: t(10).toISOString(),
        });
        expect(values(early)).toEqual({ A: '1', B: 'x' });
        const diff = await treeDiff(store, devId, diffQuery({ from: t(0).toISOString() }), t(100));
        expect(diff).toMatchObject({ complete: false, horizon: t(10).toISOString() });
      } finally {
        await close(store);
      }
    });

    it('retention by count keeps the newest changes per device, in batches', async () => {
      const store = await open();
      try {
        const devId = await device(store);
        const bystander = await device(store);
        await store.tree.upsertNodes(bystander, [node('A', '1')], { cause: cause(0) });
        const nodes = (v: string) => Array.from({ length: 1_500 }, (_, i) => node(`N${i}`, `${v}${i}`));
        await store.tree.upsertNodes(devId, nodes('a'), { cause: cause(1) });
        await store.tree.upsertNodes(devId, nodes('b'), { cause: cause(2) });
        await store.tree.upsertNodes(devId, [node('N0', 'c0')], { cause: cause(3) });
        const expected = await Promise.all(
          [1, 2].map(async (m) => values(await treeAsOf(store, devId, t(m), []))),
        );
        const clock = { now: () => t(10) };
        // The oldest 1,401 go (all at minute 1): the horizon is minute 1, and from then on as of is exact.
        expect(await pruneTreeHistory(store, clock, { days: 90, perDevice: 1_600 })).toBe(1_401);
        expect(await store.treeHistory.count(devId)).toBe(1_600);
        expect(await store.treeHistory.count(bystander)).toBe(1);
        expect(await store.treeHistory.horizon(devId)).toEqual(t(1));
        const after = await Promise.all(
          [1, 2].map(async (m) => values(await treeAsOf(store, devId, t(m), []))),
        );
        expect(after).toEqual(expected);
        expect(after[0]?.N0).toBe('a0');
        expect((await treeAsOf(store, devId, t(0), [])).complete).toBe(false);
        expect(await pruneTreeHistory(store, clock, { days: 90, perDevice: 1_600 })).toBe(0);
      } finally {
        await close(store);
      }
    });
  });
}
