// Two instances on one PostgreSQL database step the same campaign at the same time (protocol §11,
// ARCHITECTURE.md invariant 26): every device gets exactly one command, and the waves still run in
// order to completion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, campaignRecordSchema, createdCampaignSchema } from '@dmc/shared/api';
import { openPostgresStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';
import {
  IS_REQUIRED,
  createDatabase,
  databaseUrl,
  dropDatabase,
  startAppWith,
  type InProcessApp,
} from './support/cluster-support';

async function postgresAvailable(): Promise<string | undefined> {
  try {
    return await createDatabase();
  } catch (err) {
    if (IS_REQUIRED) throw err;
    return undefined;
  }
}

const database = await postgresAvailable();

describe.skipIf(database === undefined)('campaigns on PostgreSQL with two instances', () => {
  const stores: Store[] = [];
  const apps: InProcessApp[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i += 1) {
      const store = await openPostgresStore({ url: databaseUrl(database ?? ''), poolSize: 4 });
      stores.push(store);
      apps.push(await startAppWith(store, { instanceId: `instance-${i}` }));
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
    if (database !== undefined) await dropDatabase(database);
  });

  it('runs one campaign exactly once when both instances step it concurrently', async () => {
    const [a, b] = apps;
    const [store] = stores;
    if (!a || !b || !store) throw new Error('instances not started');
    const devIds = Array.from({ length: 30 }, (_, i) => `IMEI:4400000000${String(i).padStart(5, '0')}`);
    for (const devId of devIds) {
      const res = await a.api('POST', apiRoutes.devices, { devId, secret: 'pg-campaign-secret-0123' });
      expect(res.status).toBe(201);
      // As if its first session had reported DevInfo, the MO the campaign's command needs.
      await store.tree.addInstance(devId, { moid: 'urn:oma:mo:oma-dm-devinfo:1.0', miid: 'd1', ddf: null });
    }
    const res = await a.api('POST', apiRoutes.campaigns, {
      name: 'Two instances',
      devIds,
      action: { kind: 'command', command: ['EXEC', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/Reboot'] },
      waves: { canary: 5, size: 10 },
    });
    expect(res.status).toBe(201);
    const { id } = createdCampaignSchema.parse(await res.json());
    const stepBoth = () =>
      Promise.all([
        a.app.services.campaigns.step(),
        b.app.services.campaigns.step(),
        a.app.services.campaigns.step(),
      ]);

    for (let round = 0; round < 30; round += 1) {
      await stepBoth();
      const campaign = campaignRecordSchema.parse(await (await b.api('GET', apiRoutes.campaign(id))).json());
      if (campaign.state === 'completed') break;
      // The devices answer: every queued command of the campaign ends ok.
      for (const devId of devIds) {
        for (const command of await store.commands.listQueued(devId, new Date(), 10))
          await store.commands.transition(command.id, ['queued'], { state: 'ok', at: new Date(), sc: 200 });
      }
    }
    const done = campaignRecordSchema.parse(await (await a.api('GET', apiRoutes.campaign(id))).json());
    expect(done).toMatchObject({ state: 'completed', counts: { ok: 30, pending: 0, running: 0, failed: 0 } });
    expect(done.waves.map((w) => [w.size, w.state])).toEqual([
      [5, 'done'],
      [10, 'done'],
      [10, 'done'],
      [5, 'done'],
    ]);
    // Each wave started only after the one before it was done.
    const starts = done.waves.map((w) => Date.parse(w.startedAt ?? ''));
    const ends = done.waves.map((w) => Date.parse(w.finishedAt ?? ''));
    for (let n = 1; n < starts.length; n += 1)
      expect(starts[n]).toBeGreaterThanOrEqual(ends[n - 1] ?? Infinity);
    for (const devId of devIds) {
      const commands = await store.commands.listByDevice(devId, 10);
      expect(commands.filter((c) => c.createdBy === 'admin')).toHaveLength(1);
    }
  });
});
