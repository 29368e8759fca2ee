// Digest on several instances sharing one PostgreSQL database (protocol §7, §12): a nonce made by one
// instance is answered on another, and a count used on one is refused on every other.
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
import { postPackage } from './support/dm-client';
import { challengeFor, digestAuthorization, type DigestAnswer } from './support/digest-answer';

const isAvailable = await clusterServicesAvailable();
const DEV = 'IMEI:356938035640001';
const SECRET = 'digest-cluster-secret-0123456789';
const P1 = { MOS: [], Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }] };

describe.skipIf(!isAvailable)('Digest across two instances on PostgreSQL', () => {
  let database = '';
  const stores: Store[] = [];
  const apps: InProcessApp[] = [];

  beforeAll(async () => {
    database = await createDatabase();
    // Two stores with pools of their own, as two processes would have.
    for (let i = 0; i < 2; i += 1) {
      const store = await openPostgresStore({ url: databaseUrl(database), poolSize: 4 });
      stores.push(store);
      apps.push(await startAppWith(store, { instanceId: `digest-${i}` }));
    }
    const res = await apps[0]!.api('POST', '/api/v1/devices', { devId: DEV, secret: SECRET });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
    if (database !== '') await dropDatabase(database);
  });

  const send = (app: InProcessApp, authorization?: string) =>
    postPackage(`${app.url}/dm`, P1, {
      kind: 'initiation',
      devId: DEV,
      ...(authorization === undefined ? {} : { authorization }),
    });
  const challengeFrom = async (app: InProcessApp) => {
    const res = await send(app);
    expect(res.status).toBe(401);
    return challengeFor(res.headers.get('www-authenticate'), 'SHA-256');
  };
  const answer = (challenge: DigestAnswer['challenge'], nc: number, extra: Partial<DigestAnswer> = {}) =>
    digestAuthorization({ alg: 'SHA-256', challenge, user: DEV, secret: SECRET, nc, ...extra });

  it('refuses on the second instance a count already used on the first', async () => {
    const [a, b] = [apps[0]!, apps[1]!];
    const c = await challengeFrom(a);
    expect((await send(a, answer(c, 1))).status).toBe(200);
    expect((await send(b, answer(c, 1))).status).toBe(401);
    expect((await send(b, answer(c, 2))).status).toBe(200);
    expect((await send(a, answer(c, 2))).status).toBe(401);
    expect((await send(a, answer(c, 1))).status).toBe(401);
  });

  it('lets exactly one instance take a count sent to both at once', async () => {
    const c = await challengeFrom(apps[1]!);
    for (let nc = 1; nc <= 5; nc += 1) {
      const header = answer(c, nc);
      const replies = await Promise.all(apps.flatMap((app) => [send(app, header), send(app, header)]));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 401, 401, 401]);
    }
  });

  it('refuses an answer without qop on every instance', async () => {
    const c = await challengeFrom(apps[0]!);
    for (const app of apps) {
      const res = await send(app, answer(c, 0, { withoutQop: true }));
      expect(res.status).toBe(401);
      expect(challengeFor(res.headers.get('www-authenticate'), 'SHA-256').nonce).not.toBe('');
    }
  });
});
