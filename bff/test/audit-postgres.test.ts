// The audit chain on PostgreSQL with two app instances on one database (profile §10): appends from
// both, at the same time, make one chain without forks or gaps, and tampering in SQL is found.
// Skipped without PostgreSQL and Redis unless DMC_TEST_REQUIRE_PG=1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditVerifyResultSchema } from '@dmc/shared/api';
import { openPostgresStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';
import {
  clusterServicesAvailable,
  createDatabase,
  databaseUrl,
  dropDatabase,
  query,
  startAppWith,
  type InProcessApp,
} from './support/cluster-support';

const isAvailable = await clusterServicesAvailable();
const DEVICES_PER_INSTANCE = 20;

describe.skipIf(!isAvailable)('audit chain on PostgreSQL with two instances', () => {
  let database = '';
  const stores: Store[] = [];
  const apps: InProcessApp[] = [];

  beforeAll(async () => {
    database = await createDatabase();
    for (const instanceId of ['a', 'b']) {
      const store = await openPostgresStore({ url: databaseUrl(database) });
      stores.push(store);
      apps.push(await startAppWith(store, { instanceId }));
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
    if (database !== '') await dropDatabase(database);
  });

  async function verify(app: InProcessApp) {
    const res = await app.api('GET', '/api/v1/audit/verify');
    expect(res.status).toBe(200);
    return auditVerifyResultSchema.parse(await res.json());
  }

  it('keeps one valid chain while both instances append at once', async () => {
    const calls = apps.flatMap((app, i) =>
      Array.from({ length: DEVICES_PER_INSTANCE }, (_, n) =>
        app.api('POST', '/api/v1/devices', { devId: `dev-${i}-${n}`, secret: 'device-secret-0001' }),
      ),
    );
    const statuses = await Promise.all(calls.map(async (call) => (await call).status));
    expect(statuses.every((status) => status === 201)).toBe(true);
    const rows = await query<{ seq: string; action: string }>(
      database,
      'select seq, action from audit_log order by seq',
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    expect(rows.filter((r) => r.action === 'registerDevice')).toHaveLength(2 * DEVICES_PER_INSTANCE);
    for (const app of apps) expect(await verify(app)).toEqual({ ok: true, checked: rows.length });
  });

  it('finds an entry edited and an entry deleted in SQL', async () => {
    const [first] = apps;
    if (!first) throw new Error('no app');
    await query(database, "update audit_log set outcome = 'ok', actor = 'nobody' where seq = 7");
    expect(await verify(first)).toMatchObject({ ok: false, firstBadSeq: 7, checked: 7 });
    await query(database, 'delete from audit_log where seq = 7');
    expect(await verify(first)).toMatchObject({ ok: false, firstBadSeq: 8, checked: 7 });
  });
});
