// Login throttling and the device slow-down on two instances sharing one PostgreSQL database
// (protocol §7, §10): failures counted on one instance count on the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';
import {
  clusterServicesAvailable,
  createDatabase,
  databaseUrl,
  dropDatabase,
  startAppWith,
  type InProcessApp,
} from './support/cluster-support';
import { basicAuth, postPackage } from './support/dm-client';

const isAvailable = await clusterServicesAvailable();
const USER = { username: 'cluster-operator', password: 'cluster-password-1' };
const DEV = 'IMEI:356938035641001';
const SECRET = 'throttle-cluster-secret-0123456789';
const P1 = { MOS: [], Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }] };

describe.skipIf(!isAvailable)('throttling across two instances on PostgreSQL', () => {
  let database = '';
  const stores: Store[] = [];
  const apps: InProcessApp[] = [];

  beforeAll(async () => {
    database = await createDatabase();
    for (let i = 0; i < 2; i += 1) {
      const store = await openPostgresStore({ url: databaseUrl(database), poolSize: 4 });
      stores.push(store);
      apps.push(await startAppWith(store, { instanceId: `throttle-${i}` }));
    }
    await apps[0]!.app.services.auth.createUser({ ...USER, role: 'operator' });
    expect((await apps[0]!.api('POST', '/api/v1/devices', { devId: DEV, secret: SECRET })).status).toBe(201);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
    if (database !== '') await dropDatabase(database);
  });

  const login = (app: InProcessApp, password: string) =>
    fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.44' },
      body: JSON.stringify({ username: USER.username, password }),
    });

  it('locks a username on both instances after failures spread over both', async () => {
    const [a, b] = [apps[0]!, apps[1]!];
    for (let i = 0; i < 5; i += 1) {
      expect((await login(i % 2 === 0 ? a : b, 'wrong-password-x')).status).toBe(401);
    }
    for (const app of apps) {
      const res = await login(app, USER.password);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('counts parallel attempts on both instances exactly', async () => {
    const other = { username: 'parallel-user', password: 'parallel-password-1' };
    await apps[0]!.app.services.auth.createUser({ ...other, role: 'support' });
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fetch(`${apps[i % 2]!.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.45' },
          body: JSON.stringify({ username: other.username, password: 'wrong-password-x' }),
        }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
  });

  it('slows a DevID on both instances after wrong secrets spread over both', async () => {
    for (let i = 0; i < 10; i += 1) {
      const res = await postPackage(`${apps[i % 2]!.url}/dm`, P1, {
        kind: 'initiation',
        devId: DEV,
        authorization: basicAuth(DEV, 'wrong-secret-0123456789'),
      });
      expect(res.status).toBe(401);
    }
    for (const app of apps) {
      const res = await postPackage(`${app.url}/dm`, P1, {
        kind: 'initiation',
        devId: DEV,
        authorization: basicAuth(DEV, SECRET),
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});
