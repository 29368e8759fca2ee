// Background work shared by two real dmc processes on one PostgreSQL and Redis (issue 16, invariant
// 9): both hold task leases and both dispatch P0s; campaigns step to completion with one command per
// device and each wave started once; after one instance is killed (SIGKILL) the other holds every
// lease and does all the work, and no P0 went out twice for the same attempt. Skipped without
// PostgreSQL and Redis unless DMC_TEST_REQUIRE_PG=1.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, campaignRecordSchema, createdCampaignSchema } from '@dmc/shared/api';
import { decodeP0 } from '@dmc/shared/protocol';
import { notifySecretFor } from '@dmc/sim';
import { openPostgresStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';
import {
  clusterServicesAvailable,
  consoleClient,
  createDatabase,
  databaseUrl,
  dropDatabase,
  freePort,
  query,
  REDIS_URL,
  signIn,
  startInstance,
  type Instance,
} from './support/cluster-support';

const isAvailable = await clusterServicesAvailable();
const PASSWORD = 'spread-admin-password';
const LEASED = [
  'housekeeping',
  'operation-reconcile',
  'profile-sweep',
  'session-log-retention',
  'tree-history-retention',
];
const GET_MOD = ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//Mod'];
const REBOOT = ['EXEC', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/Reboot'];

/** Reads one sample of a Prometheus text exposition (0 when absent). */
async function metric(instance: Instance, name: string): Promise<number> {
  const text = await (await fetch(`${instance.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.slice(name.length + 1));
}

/** The devices' push endpoint: counts P0s by `${devId}#${notificationId}` and accepts them (202). */
async function startPushCounter(): Promise<{
  url: string;
  received: Map<string, number>;
  close(): Promise<void>;
}> {
  const received = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const devId = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
      const decoded = decodeP0(new Uint8Array(Buffer.concat(chunks)));
      const key = `${devId}#${decoded.ok ? String(decoded.value.notificationId) : 'bad'}`;
      received.set(key, (received.get(key) ?? 0) + 1);
      res.writeHead(decoded.ok ? 202 : 400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.skipIf(!isAvailable)('background work spread over two instances', () => {
  const tag = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dmc-spread-'));
  let database = '';
  let store: Store | undefined;
  let a: Instance;
  let b: Instance;
  let token = '';
  let push: Awaited<ReturnType<typeof startPushCounter>>;
  const { api } = consoleClient(() => token);

  const leaseHolders = async () =>
    Object.fromEntries(
      (
        await query<{ name: string; holder: string }>(
          database,
          `select name, holder from leases where expires_at > ${Date.now()}`,
        )
      ).map((r) => [r.name, r.holder]),
    );
  const register = async (instance: Instance, devId: string, withPush: boolean) => {
    const res = await api(instance, 'POST', '/api/v1/devices', {
      devId,
      secret: 'spread-device-secret-0123',
      ...(withPush ? { notifySecret: notifySecretFor(devId), pushUrl: `${push.url}/push/${devId}` } : {}),
    });
    expect(res.status).toBe(201);
  };
  const queue = async (instance: Instance, devId: string) => {
    const res = await api(instance, 'POST', `/api/v1/devices/${devId}/commands`, { command: GET_MOD });
    expect(res.status).toBe(201);
  };
  /** Notifications of these devices not yet pushed and accepted. */
  const unsent = async (devIds: readonly string[]) => {
    const rows = await query<{ dev_id: string; state: string }>(
      database,
      'select dev_id, state from notifications',
    );
    const sent = new Set(rows.filter((r) => r.state === 'sent').map((r) => r.dev_id));
    return devIds.filter((d) => !sent.has(d)).length;
  };

  beforeAll(async () => {
    database = await createDatabase();
    push = await startPushCounter();
    const [portA, portB] = await Promise.all([freePort(), freePort()]);
    const env = (id: string, port: number): Record<string, string> => ({
      DMC_DATABASE_URL: databaseUrl(database),
      DMC_REDIS_URL: REDIS_URL,
      DMC_REDIS_PREFIX: `dmc-spread-${tag}`,
      DMC_SECRET_KEY: Buffer.alloc(32, 0x5e).toString('base64'),
      DMC_PUBLIC_URL: `http://127.0.0.1:${port}`,
      DMC_INSTANCE_ID: id,
      DMC_DATA_DIR: dataDir,
      DMC_ADMIN_PASSWORD: PASSWORD,
      DMC_LEASE_TTL_S: '2',
      DMC_SHUTDOWN_TIMEOUT_S: '2',
      DMC_LOG_LEVEL: 'warn',
      DMC_PUSH_ALLOW_PRIVATE: '1',
    });
    a = startInstance(portA, env('a', portA));
    b = startInstance(portB, env('b', portB));
    await Promise.all([a.whenReady(), b.whenReady()]);
    token = await signIn(a.url, 'admin', PASSWORD);
    store = await openPostgresStore({ url: databaseUrl(database), poolSize: 2 });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await store?.close();
    await push?.close();
    if (database !== '') await dropDatabase(database);
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('shares the leases and the P0 dispatch, steps campaigns, and moves everything to a survivor', async () => {
    // Both instances see each other and hold a fair share of the lease-guarded tasks.
    await expect
      .poll(
        async () => [
          await metric(a, 'dmc_background_instances'),
          await metric(b, 'dmc_background_instances'),
        ],
        {
          timeout: 20_000,
        },
      )
      .toEqual([2, 2]);
    await expect
      .poll(
        async () => {
          const holders = await leaseHolders();
          return LEASED.map((task) => holders[task])
            .filter((h) => h === 'a' || h === 'b')
            .sort();
        },
        { timeout: 20_000 },
      )
      .toHaveLength(LEASED.length);
    const heldCount = async (instance: Instance) =>
      (await Promise.all(LEASED.map((task) => metric(instance, `dmc_lease_held{lease="${task}"}`)))).reduce(
        (sum, n) => sum + n,
        0,
      );
    await expect
      .poll(async () => [await heldCount(a), await heldCount(b)].sort(), { timeout: 20_000 })
      .toEqual([2, 3]);

    // P0 dispatch under load: work queued on both, one device after the other, until both instances
    // have pushed (each polls every 50 ms and claims its own attempts).
    const woken: string[] = [];
    const accepted = 'dmc_notification_attempts_total{outcome="accepted"}';
    for (let n = 0; n < 200; n += 1) {
      const devId = `IMEI:3500000${String(n).padStart(8, '0')}`;
      await register(n % 2 === 0 ? a : b, devId, true);
      await queue(n % 2 === 0 ? b : a, devId);
      woken.push(devId);
      if (n >= 20 && (await metric(a, accepted)) > 0 && (await metric(b, accepted)) > 0) break;
    }
    await expect.poll(() => unsent(woken), { timeout: 20_000 }).toBe(0);
    expect(await metric(a, accepted)).toBeGreaterThan(0);
    expect(await metric(b, accepted)).toBeGreaterThan(0);

    // Campaigns in waves, stepped by whichever instance each is hashed to; devices answer as the
    // commands arrive (their queued commands end ok).
    const campaignDevices = new Map<string, string[]>();
    for (let c = 0; c < 4; c += 1) {
      const devIds = Array.from({ length: 8 }, (_, i) => `IMEI:44100${c}00000${String(i).padStart(4, '0')}`);
      for (const devId of devIds) {
        await register(a, devId, false);
        await store?.tree.addInstance(devId, {
          moid: 'urn:oma:mo:oma-dm-devinfo:1.0',
          miid: 'd1',
          ddf: null,
        });
      }
      const res = await api(c % 2 === 0 ? a : b, 'POST', apiRoutes.campaigns, {
        name: `Spread ${c}`,
        devIds,
        action: { kind: 'command', command: REBOOT },
        waves: { canary: 2, size: 3 },
      });
      expect(res.status).toBe(201);
      campaignDevices.set(createdCampaignSchema.parse(await res.json()).id, devIds);
    }
    const answerQueued = async () => {
      for (const devIds of campaignDevices.values())
        for (const devId of devIds)
          for (const command of (await store?.commands.listQueued(devId, new Date(), 10)) ?? [])
            await store?.commands.transition(command.id, ['queued'], {
              state: 'ok',
              at: new Date(),
              sc: 200,
            });
    };
    const campaignStates = async () => {
      const states: string[] = [];
      for (const id of campaignDevices.keys()) {
        const res = await api(a, 'GET', apiRoutes.campaign(id));
        states.push(campaignRecordSchema.parse(await res.json()).state);
      }
      return states;
    };
    // Let the campaigns get going on both instances, then kill one mid-run.
    await expect
      .poll(
        async () => {
          await answerQueued();
          const rows = await query<{ n: string }>(
            database,
            `select count(*) as n from campaign_waves where state = 'done'`,
          );
          return Number(rows[0]?.n);
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBeGreaterThanOrEqual(2);

    await b.stop('SIGKILL');

    // The survivor sees itself alone once b's heartbeat lapses, and takes every lease over.
    await expect.poll(() => metric(a, 'dmc_background_instances'), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(
        async () => {
          const holders = await leaseHolders();
          return LEASED.map((task) => holders[task]);
        },
        { timeout: 20_000 },
      )
      .toEqual(LEASED.map(() => 'a'));

    // Every campaign finishes on the survivor.
    await expect
      .poll(
        async () => {
          await answerQueued();
          return campaignStates();
        },
        { timeout: 40_000, interval: 300 },
      )
      .toEqual([...campaignDevices.keys()].map(() => 'completed'));
    for (const [id, devIds] of campaignDevices) {
      const campaign = campaignRecordSchema.parse(await (await api(a, 'GET', apiRoutes.campaign(id))).json());
      expect(campaign.counts).toMatchObject({ ok: devIds.length, pending: 0, running: 0, failed: 0 });
      expect(campaign.waves.map((w) => w.state)).toEqual(['done', 'done', 'done']);
      // Each wave started once, after the one before it was done.
      for (let n = 1; n < campaign.waves.length; n += 1)
        expect(Date.parse(campaign.waves[n]?.startedAt ?? '')).toBeGreaterThanOrEqual(
          Date.parse(campaign.waves[n - 1]?.finishedAt ?? ''),
        );
      // One command per device.
      for (const devId of devIds) {
        const commands = (await store?.commands.listByDevice(devId, 10)) ?? [];
        expect(commands.filter((c) => c.createdBy === 'admin')).toHaveLength(1);
      }
    }

    // Work queued after the kill is pushed by the survivor.
    const later = woken.slice(0, 10);
    const openBefore = await query<{ id: string }>(database, `select id from notifications`);
    // Answer the open notifications so the new work opens new ones (as a session would).
    await query(
      database,
      `update notifications set state = 'answered', next_attempt_at = null where state = 'sent'`,
    );
    const pushesBefore = await metric(a, accepted);
    for (const devId of later) await queue(a, devId);
    await expect
      .poll(
        async () => {
          const rows = await query<{ dev_id: string }>(
            database,
            `select dev_id from notifications where state = 'sent' and id not in (${openBefore.map((r) => `'${r.id}'`).join(',') || "''"})`,
          );
          return rows.length;
        },
        { timeout: 20_000 },
      )
      .toBe(later.length);
    expect(await metric(a, accepted)).toBe(pushesBefore + later.length);

    // No attempt was pushed twice: each notification's P0s at most its attempts, and at least one.
    const rows = await query<{ dev_id: string; notification_id: number; attempts: number }>(
      database,
      'select dev_id, notification_id, attempts from notifications',
    );
    expect(rows.length).toBe(woken.length + later.length);
    for (const row of rows) {
      const pushes = push.received.get(`${row.dev_id}#${row.notification_id}`) ?? 0;
      expect(pushes).toBeGreaterThanOrEqual(1);
      expect(pushes).toBeLessThanOrEqual(row.attempts);
    }
  }, 180_000);
});
