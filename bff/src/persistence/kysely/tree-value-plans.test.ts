// A numeric tree-value condition (`@FUMO/State != 10`) must find its devices in the (moid, path,
// value_num, dev_id) index alone. Reading each node's row for its value took ~200 ms of the ~300 ms
// the list of 100,000 devices needed, once for the page and once for the count (benchmark 4).
// Checked on the statements the store really runs, on SQLite.
import { parseQuery } from '@dmc/shared/query';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openPlannedStore, type PlannedStore } from '../contract/sqlite-plans';
import { makeDevice } from '../contract/fixtures';
import type { Store } from '../ports';

const FUMO = 'urn:oma:mo:oma-fumo:1.0';

let planned: PlannedStore;
let store: Store;
let statements: string[];

beforeEach(async () => {
  planned = await openPlannedStore();
  ({ store, statements } = planned);
});
afterEach(() => planned.close());

const planOf = (statement: string): string[] => planned.planOf(statement);

it.each([
  ['@FUMO/State != 10', 'value_num=?', ['d2']],
  ['@FUMO/State > 10', 'value_num>?', ['d2']],
  ['@FUMO/State <= 10', 'value_num<?', ['d1']],
])('%s reads the tree nodes from the index alone, for the page and the count', async (query, key, ids) => {
  for (const [devId, value] of [
    ['d1', '10'],
    ['d2', '20'],
  ] as const) {
    await store.devices.create(makeDevice(devId));
    await store.tree.replaceInstances(devId, [{ moid: FUMO, miid: 'fw', ddf: null }]);
    await store.tree.upsertNodes(devId, [
      { moid: FUMO, miid: 'fw', path: 'State', value, format: 'int', reportedAt: new Date(0) },
    ]);
  }
  const parsed = parseQuery(query);
  if (!parsed.ok || parsed.expr === null) throw new Error('bad query');
  statements.length = 0;
  const page = await store.devices.list({
    sort: 'devId',
    order: 'asc',
    limit: 100,
    filter: { expr: parsed.expr, now: new Date() },
  });
  expect(page.items.map((d) => d.devId)).toEqual(ids);
  const reads = statements.filter((s) => /^\s*select .* from "devices"/i.test(s));
  expect(reads).toHaveLength(2);
  for (const statement of reads) {
    const plan = planOf(statement).join(' | ');
    const search = `SEARCH tree_nodes USING COVERING INDEX tree_nodes_moid_path_value_num_dev_id (moid=? AND path=? AND ${key}`;
    expect(plan).toContain(search);
  }
});
