// Profile enforcement on two dmc processes sharing PostgreSQL and Redis (protocol §14, invariant 36):
// an instance is killed with SIGKILL after its P1 queued and sent a profile write and before the
// read-back came; the device starts over on the other instance, which sends the same write (its id
// is derived), and the device ends verified. The same for a write after drift. No write is queued
// twice for the same drift, none is lost.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';
import {
  PG_BASE_URL,
  REDIS_URL,
  clusterServicesAvailable,
  databaseUrl,
  signIn,
  startInstance,
  type Instance,
} from './support/cluster-support';
import { LockstepDevice } from './support/dm-client';

const isAvailable = await clusterServicesAvailable();
const PORTS = [38220, 38221] as const;
const PASSWORD = 'profile-cluster-admin-1';
const DEV = 'IMEI:356938035649901';
const SECRET = 'profile-cluster-secret-0123456789';
const FUMO = 'urn:oma:mo:oma-fumo:1.0';
const PKG_URL = `${FUMO}/fw/DownloadAndUpdate/PkgURL`;
const VALUE = 'http://updates.example/fw/2.bin';

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_BASE_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

type Cmd = string[];

describe.skipIf(!isAvailable)('profile enforcement on two instances with a SIGKILL mid-enforcement', () => {
  const database = `h2_cluster_${randomBytes(6).toString('hex')}`;
  const secretKey = randomBytes(32).toString('base64');
  const prefix = `h2_enforce_${randomBytes(4).toString('hex')}`;
  const dirs: string[] = [];
  const instances: (Instance | undefined)[] = [undefined, undefined];
  let store: Store;
  const profileId = 'cluster-profile';

  function start(i: 0 | 1): Instance {
    const dir = mkdtempSync(path.join(tmpdir(), 'dmc-h2-'));
    dirs.push(dir);
    const instance = startInstance(PORTS[i], {
      DMC_DATABASE_URL: databaseUrl(database),
      DMC_SECRET_KEY: secretKey,
      DMC_REDIS_URL: REDIS_URL,
      DMC_REDIS_PREFIX: prefix,
      DMC_INSTANCE_ID: `h2-${i}`,
      DMC_DATA_DIR: dir,
      DMC_PUBLIC_URL: `http://127.0.0.1:${PORTS[i]}`,
      DMC_ADMIN_PASSWORD: PASSWORD,
      DMC_LOG_LEVEL: 'warn',
    });
    instances[i] = instance;
    return instance;
  }

  beforeAll(async () => {
    await admin(`create database "${database}"`);
    store = await openPostgresStore({ url: databaseUrl(database), poolSize: 2 });
    const now = new Date();
    // The profile exists before the instances start: each reads it with its first package.
    expect(
      await store.profiles.create({
        id: profileId,
        name: 'firmware source',
        query: `devId = "${DEV}"`,
        priority: 0,
        nodes: [{ uri: PKG_URL, value: VALUE }],
        execs: [],
        enabled: true,
        driftRetries: 3,
        revision: 1,
        createdBy: 'admin',
        createdAt: now,
        updatedAt: now,
      }),
    ).toBe(true);
    const a = start(0);
    const b = start(1);
    await Promise.all([a.whenReady(), b.whenReady()]);
    const token = await signIn(a.url, 'admin', PASSWORD);
    const res = await fetch(`${a.url}/api/v1/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ devId: DEV, secret: SECRET }),
    });
    expect(res.status).toBe(201);
  }, 90_000);

  afterAll(async () => {
    for (const instance of instances) await instance?.stop('SIGKILL');
    await store?.close();
    await admin(`drop database if exists "${database}" with (force)`);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const P1 = {
    MOS: [
      { MOID: 'urn:oma:mo:oma-dm-devinfo:1.0', MIID: ['d1'] },
      { MOID: FUMO, MIID: ['fw'] },
    ],
    Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }],
  };

  /** What the device answers to each command of a P2: the DevInfo read, writes, and reads of PKG_URL. */
  function statuses(device: LockstepDevice, cmds: readonly Cmd[], reports: string) {
    return cmds.map((c) => {
      if (c[0] !== 'GET') return { sc: 200 };
      if (c[1] === PKG_URL) return { sc: 200, Data: [{ ClientURI: PKG_URL, MOData: { PkgURL: reports } }] };
      return { sc: 200, Data: device.devInfoData() };
    });
  }

  async function p1(device: LockstepDevice): Promise<Cmd[]> {
    const res = await device.p1(P1);
    expect(res.status).toBe(200);
    return (res.body as { CMD: Cmd[] }).CMD;
  }

  async function writes() {
    return (await store.commands.listByDevice(DEV, 100)).filter((c) => c.command[0] === 'HGET').reverse();
  }

  const state = async () => (await store.profiles.deviceStates(DEV)).find((s) => s.profileId === profileId);

  it('a write sent by a killed instance is sent again, once, by the other; after drift too', async () => {
    const onA = new LockstepDevice(`http://127.0.0.1:${PORTS[0]}`, DEV, SECRET);
    const onB = new LockstepDevice(`http://127.0.0.1:${PORTS[1]}`, DEV, SECRET);

    // A queues and sends the write and its read-back, then dies before the statuses come.
    const first = await p1(onA);
    const write = first.find((c) => c[0] === 'HGET');
    expect(write?.[2]).toBe(PKG_URL);
    expect(first.filter((c) => c[0] === 'GET' && c[1] === PKG_URL)).toHaveLength(1);
    expect((await state())?.nodes[0]).toMatchObject({ state: 'writing', driftWrites: 0 });
    await instances[0]?.stop('SIGKILL');

    // The device starts over on B: the same write goes again (requeued, not queued anew).
    const again = await p1(onB);
    expect(again.filter((c) => c[0] === 'HGET')).toEqual([write]);
    const end = await onB.p3({ Status: statuses(onB, again, VALUE) });
    expect(end.status).toBe(200);
    expect(await state()).toMatchObject({ status: 'verified', reason: null });
    const [only, ...more] = await writes();
    expect(more).toEqual([]);
    expect(only).toMatchObject({ state: 'ok', deliveries: 2 });

    // Drift, seen through a read B sends; then B sends the correcting write and dies in turn.
    const token = await signIn(onB.baseUrl, 'admin', PASSWORD);
    const queued = await fetch(`${onB.baseUrl}/api/v1/devices/${encodeURIComponent(DEV)}/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ command: ['GET', PKG_URL] }),
    });
    expect(queued.status).toBe(201);
    const read = await p1(onB);
    await onB.p3({ Status: statuses(onB, read, 'http://evil.example/') });
    const correcting = await p1(onB);
    const second = correcting.find((c) => c[0] === 'HGET');
    expect(second).toBeDefined();
    expect(second).not.toEqual(write);
    expect((await state())?.nodes[0]).toMatchObject({ state: 'writing', driftWrites: 1 });
    await instances[1]?.stop('SIGKILL');

    // A comes back and finishes it.
    await start(0).whenReady();
    const resumed = await p1(onA);
    expect(resumed.filter((c) => c[0] === 'HGET')).toEqual([second]);
    await onA.p3({ Status: statuses(onA, resumed, VALUE) });
    expect(await state()).toMatchObject({ status: 'verified' });
    expect((await state())?.nodes[0]).toMatchObject({ state: 'verified', driftWrites: 1 });
    const all = await writes();
    expect(all.map((c) => [c.state, c.deliveries])).toEqual([
      ['ok', 2],
      ['ok', 2],
    ]);
  }, 120_000);
});
