// The batched updates of campaign devices on SQLite must look each device of the batch up by its
// dev_id. With the campaign's own rows as the outer loop, every statement scanned the whole batch
// once per member still pending: ~2 s per batch of 1,000 in a 10,000-device campaign (benchmark 9),
// with the server's event loop held all that time. Checked on the statements the store really runs.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openPlannedStore, type PlannedStore } from '../contract/sqlite-plans';
import type { CampaignRow, Store } from '../ports';

const now = new Date('2026-12-01T00:00:00Z');

const campaign: CampaignRow = {
  id: 'c1',
  name: 'plans',
  state: 'running',
  query: '',
  viewName: null,
  devIds: null,
  action: { kind: 'command', command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/FwV'] },
  conflictKey: 'urn:oma:mo:oma-dm-devinfo:1.0',
  waveSpec: { canary: 0, size: 10 },
  errorThresholdPct: 10,
  healthGate: null,
  dynamic: false,
  approvalRequired: false,
  bulk: false,
  pausedReason: null,
  createdBy: 'op',
  approvedBy: null,
  createdAt: now,
  startedAt: now,
  finishedAt: null,
  version: 1,
  membershipCursor: null,
  membershipDone: false,
  wavesPlanned: false,
  acceptedFailures: 0,
  settled: false,
  dynamicCheckedAt: null,
};

let planned: PlannedStore;
let store: Store;
let statements: string[];

beforeEach(async () => {
  planned = await openPlannedStore();
  ({ store, statements } = planned);
});
afterEach(() => planned.close());

const planOf = (statement: string): string[] => planned.planOf(statement);

it('walks the batch and finds each device by dev_id in every batched update of campaign devices', async () => {
  const repo = store.campaignDevices;
  await store.campaigns.create(campaign);
  const member = (devId: string) => ({ devId, state: 'pending' as const, reason: null, detail: null });
  await repo.addMembers('c1', ['a', 'b', 'c'].map(member), now);
  statements.length = 0;
  await repo.assignWaves('c1', [
    { devId: 'a', wave: 0 },
    { devId: 'b', wave: 0 },
    { devId: 'c', wave: 0 },
  ]);
  await repo.markRunning('c1', [{ devId: 'a', commandId: 'cmd-a', operationId: null }], now);
  await repo.finish('c1', [{ devId: 'a', state: 'ok', sc: 200, reason: null, detail: null }], now);
  await repo.markDone('c1', ['b'], now);
  await repo.cancelOpen('c1', 10, now);

  const updates = statements.filter((s) => /^\s*update campaign_devices/i.test(s));
  expect(updates).toHaveLength(5);
  for (const statement of updates) {
    const plan = planOf(statement);
    const lookup = plan.findIndex((line) => line.includes('campaign_devices'));
    const batch = plan.findIndex((line) => /^SCAN j\b/.test(line));
    expect(batch, plan.join(' | ')).toBeGreaterThanOrEqual(0);
    // The batch is the outer loop; the member is a search by its dev_id inside it.
    expect(lookup, plan.join(' | ')).toBeGreaterThan(batch);
    expect(plan[lookup], plan.join(' | ')).toMatch(/^SEARCH campaign_devices USING .*\(dev_id=\?/);
  }
  expect((await repo.countByState('c1')).ok).toBe(2);
});
