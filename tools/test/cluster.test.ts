// Two real dmc processes on one PostgreSQL database and one Redis, behind the cluster's round-robin
// proxy (issue #6): work queued on one instance is done through the other, live events cross
// instances, and after one instance is killed (SIGKILL) mid-run the other finishes the work —
// every command ends once, and no P0 is sent twice for the same work. Skipped without PostgreSQL
// and Redis unless DMC_TEST_REQUIRE_PG=1.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FINAL_COMMAND_STATES,
  notificationListSchema,
  queuedCommandSchema,
  type CommandState,
} from '@dmc/shared/api';
import { deviceIdentity, notifySecretFor, seededRandom, SimDevice } from '@dmc/sim';
import { startProxy, type Proxy } from '../src/cluster/proxy';
import { gate } from '../../bff/test/support/sim-helpers';
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
  startCountingPushServer,
  startInstance,
  type Instance,
} from '../../bff/test/support/cluster-support';

const isAvailable = await clusterServicesAvailable();
const PASSWORD = 'cluster-admin-password';
const GET_MOD = ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//Mod'];
const FLEET = 10;
const FIRST_BATCH = 3;

/** Reads one sample of a Prometheus text exposition (0 when absent). */
async function metric(instance: Instance, name: string): Promise<number> {
  const text = await (await fetch(`${instance.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.slice(name.length + 1));
}

describe.skipIf(!isAvailable)('several instances on one PostgreSQL and Redis', () => {
  const tag = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dmc-cluster-'));
  let database = '';
  let proxy: Proxy;
  let a: Instance;
  let b: Instance;
  let token = '';
  const client = consoleClient(() => token, { reconnect: false });
  const api = client.api;
  const connectSocket = client.socket;
  const queue = async (instance: Instance, devId: string) => {
    const res = await api(instance, 'POST', `/api/v1/devices/${devId}/commands`, { command: GET_MOD });
    expect(res.status).toBe(201);
    return queuedCommandSchema.parse(await res.json()).id;
  };

  beforeAll(async () => {
    database = await createDatabase();
    const [portA, portB, proxyPort] = await Promise.all([freePort(), freePort(), freePort()]);
    proxy = await startProxy({
      port: proxyPort,
      host: '127.0.0.1',
      upstreams: [
        { host: '127.0.0.1', port: portA },
        { host: '127.0.0.1', port: portB },
      ],
      downForMs: 500,
    });
    const env = (id: string): Record<string, string> => ({
      DMC_DATABASE_URL: databaseUrl(database),
      DMC_REDIS_URL: REDIS_URL,
      DMC_SECRET_KEY: Buffer.alloc(32, 0x5e).toString('base64'),
      DMC_REDIS_PREFIX: `dmc-test-${tag}`,
      // CONT and other server-made URLs name the proxy, so any instance takes the next package.
      DMC_PUBLIC_URL: proxy.url,
      DMC_INSTANCE_ID: id,
      DMC_DATA_DIR: dataDir,
      DMC_ADMIN_PASSWORD: PASSWORD,
      DMC_LEASE_TTL_S: '2',
      DMC_SESSION_IDLE_S: '3',
      DMC_SHUTDOWN_TIMEOUT_S: '2',
      DMC_LOG_LEVEL: 'warn',
      DMC_PUSH_ALLOW_PRIVATE: '1',
    });
    a = startInstance(portA, env('a'));
    b = startInstance(portB, env('b'));
    await Promise.all([a.whenReady(), b.whenReady()]);
    token = await signIn(a.url, 'admin', PASSWORD);
  }, 60_000);

  afterAll(async () => {
    client.closeSockets();
    await Promise.all([a?.stop(), b?.stop()]);
    await proxy?.close();
    if (database !== '') await dropDatabase(database);
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('delivers through B a command queued on A; consoles on A see what B did', async () => {
    const { devId, secret } = deviceIdentity(`one-${tag}`, 1);
    expect((await api(a, 'POST', '/api/v1/devices', { devId, secret })).status).toBe(201);
    const socket = await connectSocket(a);
    const seen: string[] = [];
    socket.on('session:started', (e) => seen.push(`session:${e.devId}`));
    socket.on('command:state-changed', (e) => seen.push(`${e.id}:${e.state}`));
    socket.on('alert:received', (e) => seen.push(`alert:${e.alert.devId}:${e.alert.alertType}`));

    const id = await queue(a, devId);
    // The device talks to B only: its P1 goes to B, later packages through the proxy.
    const device = new SimDevice({ devId, secret, serverUrl: `${b.url}/dm` });
    expect((await device.runSession()).ok).toBe(true);
    const record = (await (await api(b, 'GET', `/api/v1/commands/${id}`)).json()) as { state: string };
    expect(record.state).toBe('ok');
    // B opened the session and sent the command A had queued.
    expect(await metric(b, 'dmc_dm_sessions_started_total')).toBe(1);
    expect(await metric(a, 'dmc_dm_sessions_started_total')).toBe(0);
    expect(await metric(b, 'dmc_command_transitions_total{state="sent"}')).toBe(1);

    await device.raiseAlert({ AlertType: 'urn:dmc:at:test:1.0:Overheat', Mark: 'critical', Data: { C: 90 } });
    await expect
      .poll(() => seen)
      .toEqual(
        expect.arrayContaining([
          `session:${devId}`,
          `${id}:sent`,
          `${id}:ok`,
          `alert:${devId}:urn:dmc:at:test:1.0:Overheat`,
        ]),
      );
  });

  it('finishes every command exactly once after an instance is killed mid-run, with no P0 sent twice', async () => {
    const random = seededRandom(11);
    const devices = new Map<string, SimDevice>();
    const push = await startCountingPushServer(devices, () => Math.floor(random() * 2_500));
    try {
      for (let n = 1; n <= FLEET; n += 1) {
        const { devId, secret } = deviceIdentity(`fleet-${tag}`, n);
        const notifySecret = notifySecretFor(devId);
        const pushUrl = `${push.url}/push/${devId}`;
        const instance = n % 2 === 0 ? a : b;
        const res = await api(instance, 'POST', '/api/v1/devices', { devId, secret, notifySecret, pushUrl });
        expect(res.status).toBe(201);
        devices.set(
          devId,
          new SimDevice({ devId, secret, notifySecret, pushUrl, serverUrl: `${proxy.url}/dm` }),
        );
      }
      const survivorSocket = { a: await connectSocket(a), b: await connectSocket(b) };
      const finals = { a: new Map<string, CommandState[]>(), b: new Map<string, CommandState[]>() };
      for (const key of ['a', 'b'] as const) {
        survivorSocket[key].on('command:state-changed', (e) => {
          if (FINAL_COMMAND_STATES.includes(e.state))
            finals[key].set(e.id, [...(finals[key].get(e.id) ?? []), e.state]);
        });
      }

      // Work queued on both instances, alternating; P0s wake the devices, sessions alternate too.
      const ids: string[] = [];
      let turn = 0;
      for (let round = 0; round < FIRST_BATCH; round += 1) {
        for (const devId of devices.keys()) ids.push(await queue(turn++ % 2 === 0 ? a : b, devId));
      }
      const finished = async () =>
        Number(
          (
            await query<{ n: string }>(
              database,
              `select count(*) as n from commands where state in ('ok','failed','expired','cancelled')`,
            )
          )[0]?.n,
        );
      await expect
        .poll(finished, { timeout: 15_000, interval: 100 })
        .toBeGreaterThanOrEqual(ids.length * 0.3);
      expect(proxy.relayed.every((n) => n > 0)).toBe(true);

      // A session in progress at the kill: its device is showing a page when the instance dies.
      const { devId: slowId, secret: slowSecret } = deviceIdentity(`slow-${tag}`, 1);
      expect((await api(a, 'POST', '/api/v1/devices', { devId: slowId, secret: slowSecret })).status).toBe(
        201,
      );
      const showing = gate();
      const resume = gate();
      const slow = new SimDevice({
        devId: slowId,
        secret: slowSecret,
        serverUrl: `${proxy.url}/dm`,
        browser: async () => {
          showing.open();
          await resume.promise;
          return true;
        },
      });
      const showId = queuedCommandSchema.parse(
        await (
          await api(a, 'POST', `/api/v1/devices/${slowId}/commands`, {
            command: ['SHOW', 'http://127.0.0.1:9/welcome'],
          })
        ).json(),
      ).id;
      const slowSession = slow.runSession();
      await showing.promise;

      // Kill the instance holding the housekeeping lease (both dispatch P0s): the other must take its
      // leases and its work over.
      const [lease] = await query<{ holder: string }>(
        database,
        `select holder from leases where name = 'housekeeping'`,
      );
      const victim = lease?.holder === 'b' ? b : a;
      const survivor = victim === a ? b : a;
      const survivorKey = survivor === a ? 'a' : 'b';
      const killedAt = Date.now();
      await victim.stop('SIGKILL');
      const pushesBefore = await metric(survivor, 'dmc_notification_attempts_total{outcome="accepted"}');

      // The interrupted session goes on with the survivor: its next package reaches it through the proxy.
      resume.open();
      expect((await slowSession).ok).toBe(true);
      ids.push(showId);

      // More work after the kill, queued on the survivor.
      for (const devId of devices.keys()) ids.push(await queue(survivor, devId));

      // Devices also check in now and then (as real ones do): a session cut by the kill left its
      // commands in flight until the survivor expired it, and only a session brings them.
      const checkingIn = new Set<string>();
      await expect
        .poll(
          async () => {
            const open = await query<{ dev_id: string }>(
              database,
              `select distinct dev_id from commands where state not in ('ok','failed','expired','cancelled')`,
            );
            if (Date.now() - killedAt > 8_000) {
              for (const { dev_id: devId } of open) {
                const device = devices.get(devId);
                if (!device || checkingIn.has(devId)) continue;
                checkingIn.add(devId);
                void device.runSession('client').finally(() => checkingIn.delete(devId));
              }
            }
            return open.length;
          },
          { timeout: 40_000, interval: 500 },
        )
        .toBe(0);
      await push.idle();

      // Every command ended ok, and no final state was announced twice.
      const states = await query<{ state: string; n: string }>(
        database,
        'select state, count(*) as n from commands group by state',
      );
      expect(states.map((s) => [s.state, Number(s.n)])).toEqual([['ok', ids.length + 1]]);
      for (const [, announced] of finals[survivorKey]) expect(announced).toHaveLength(1);
      for (const id of ids.slice(-FLEET)) expect(finals[survivorKey].get(id)).toEqual(['ok']);

      // The survivor pushed the P0s of the work queued after the kill.
      expect(await metric(survivor, 'dmc_notification_attempts_total{outcome="accepted"}')).toBeGreaterThan(
        pushesBefore,
      );
      // No P0 repeated work the device was doing or had done, and no attempt went out twice.
      expect([...devices.values()].reduce((sum, d) => sum + d.notificationStats.duplicates, 0)).toBe(0);
      for (const devId of devices.keys()) {
        const res = await api(survivor, 'GET', `/api/v1/devices/${devId}/notifications?limit=100`);
        const { items } = notificationListSchema.parse(await res.json());
        expect(items.length).toBeGreaterThan(0);
        for (const n of items) {
          expect(push.received.get(`${devId}#${n.notificationId}`) ?? 0).toBeLessThanOrEqual(n.attempts);
        }
        // One open notification per device at a time: each was closed before the next was opened.
        const byAge = [...items].reverse();
        for (let i = 1; i < byAge.length; i += 1) {
          const previous = byAge[i - 1];
          const current = byAge[i];
          if (!previous || !current) continue;
          expect(Date.parse(previous.answeredAt ?? previous.updatedAt)).toBeLessThanOrEqual(
            Date.parse(current.createdAt),
          );
        }
      }

      // A graceful stop (SIGTERM) of the survivor releases its leases and its heartbeat for the next
      // instance (what is left is the killed instance's lapsed heartbeat, if any).
      const survivorId = survivor === a ? 'a' : 'b';
      const held = `select name from leases where holder = '${survivorId}'`;
      expect((await query(database, held)).length).toBeGreaterThan(1);
      await survivor.stop('SIGTERM');
      expect(survivor.child.exitCode).toBe(0);
      expect(await query(database, held)).toEqual([]);
      const left = await query<{ expires_at: string }>(database, 'select expires_at from leases');
      for (const row of left) expect(Number(row.expires_at)).toBeLessThanOrEqual(Date.now());
    } finally {
      await push.close();
    }
  }, 60_000);
});
