// A campaign under a crash (protocol §11, ARCHITECTURE.md invariant 27): the dmc process, on SQLite
// and on PostgreSQL, is killed with SIGKILL while the campaign's waves run and devices answer, then
// restarted on the same data. The campaign completes with every device done, no device got a second
// command, and each wave started only after the one before it was done.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiRoutes,
  campaignRecordSchema,
  commandListSchema,
  createdCampaignSchema,
  type CampaignRecord,
} from '@dmc/shared/api';
import { deviceIdentity, SimDevice } from '@dmc/sim';
import {
  clusterServicesAvailable,
  consoleClient,
  createDatabase,
  databaseUrl,
  dropDatabase,
  freePort,
  signIn,
  startInstance,
  type Instance,
} from './support/cluster-support';

const PASSWORD = 'crash-admin-password';
const FLEET = 20;
const isPgAvailable = await clusterServicesAvailable();

describe.each([
  { engine: 'SQLite', postgres: false },
  { engine: 'PostgreSQL', postgres: true },
])('SIGKILL during a campaign on $engine', ({ postgres }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dmc-campaign-crash-'));
  // PostgreSQL: the instance's own database, and the key every start of it shares.
  let database = '';
  const secretKey = randomBytes(32).toString('base64');
  let port = 0;
  let instance: Instance;
  let token = '';

  const start = async () => {
    instance = startInstance(port, {
      ...(postgres ? { DMC_DATABASE_URL: databaseUrl(database), DMC_SECRET_KEY: secretKey } : {}),
      DMC_DATA_DIR: dataDir,
      DMC_PUBLIC_URL: `http://127.0.0.1:${port}`,
      DMC_ADMIN_PASSWORD: PASSWORD,
      DMC_SESSION_IDLE_S: '2',
      DMC_LOG_LEVEL: 'warn',
    });
    await instance.whenReady();
    token = await signIn(instance.url, 'admin', PASSWORD);
  };

  const client = consoleClient(() => token, { reconnect: false });
  const api = (method: string, route: string, body?: unknown) => client.api(instance, method, route, body);
  const campaign = async (id: string): Promise<CampaignRecord> =>
    campaignRecordSchema.parse(await (await api('GET', apiRoutes.campaign(id))).json());

  beforeAll(async () => {
    if (postgres && !isPgAvailable) return;
    if (postgres) database = await createDatabase();
    port = await freePort();
    await start();
  }, 60_000);

  afterAll(async () => {
    client.closeSockets();
    await instance?.stop();
    if (database) await dropDatabase(database);
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it.skipIf(postgres && !isPgAvailable)(
    'loses no device and starts no wave twice across the crash',
    async () => {
      const devices: SimDevice[] = [];
      for (let n = 1; n <= FLEET; n += 1) {
        const { devId, secret } = deviceIdentity('campaign-crash', n);
        expect((await api('POST', apiRoutes.devices, { devId, secret })).status).toBe(201);
        const device = new SimDevice({ devId, secret, serverUrl: `http://127.0.0.1:${port}/dm` });
        // The first session reports DevInfo, the MO the campaign's command reads.
        expect(await device.runSession()).toMatchObject({ ok: true });
        await device.whenIdle();
        devices.push(device);
      }
      const res = await api('POST', apiRoutes.campaigns, {
        name: 'Across a crash',
        query: 'devId ~ "campaign-crash-"',
        action: { kind: 'command', command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/Lang'] },
        waves: { canary: 2, size: 6 },
      });
      expect(res.status).toBe(201);
      const { id } = createdCampaignSchema.parse(await res.json());

      let running = true;
      const contacts = devices.map(async (device) => {
        while (running) {
          await device.runSession();
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
      });
      try {
        await expect
          .poll(async () => (await campaign(id)).counts.ok, { timeout: 30_000, interval: 50 })
          .toBeGreaterThanOrEqual(4);
        const before = await campaign(id);
        await instance.stop('SIGKILL');
        // The kill landed mid-campaign.
        expect(before.state).toBe('running');
        expect(before.counts.ok).toBeLessThan(FLEET);
        await start();
        await expect
          .poll(async () => (await campaign(id)).state, { timeout: 60_000, interval: 250 })
          .toBe('completed');
      } finally {
        running = false;
        await Promise.all(contacts);
      }

      const done = await campaign(id);
      expect(done.counts).toMatchObject({ ok: FLEET, failed: 0, pending: 0, running: 0, skipped: 0 });
      expect(done.waves.map((w) => w.size)).toEqual([2, 6, 6, 6]);
      const starts = done.waves.map((w) => Date.parse(w.startedAt ?? ''));
      const ends = done.waves.map((w) => Date.parse(w.finishedAt ?? ''));
      for (let n = 1; n < starts.length; n += 1)
        expect(starts[n]).toBeGreaterThanOrEqual(ends[n - 1] ?? Infinity);
      for (const device of devices) {
        const list = commandListSchema.parse(
          await (await api('GET', apiRoutes.deviceCommands(device.devId))).json(),
        );
        expect(list.items.filter((c) => c.createdBy === 'admin').map((c) => c.state)).toEqual(['ok']);
      }
    },
    150_000,
  );
});
