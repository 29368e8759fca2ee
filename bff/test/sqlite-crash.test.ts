// The embedded engine under a crash (issue #7): a dmc process on SQLite is killed with SIGKILL while
// devices are in their sessions, and restarted on the same data directory. Every command the API
// accepted is still there and ends `ok`; a command whose status was reported before the crash is
// never sent again; sessions cut by the crash expire and their commands go back to the queue.
// Transactions share COMMITs (group commit), so this is also the test that nothing was acknowledged
// before it was committed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, commandRecordSchema, queuedCommandSchema, type CommandState } from '@dmc/shared/api';
import { deviceIdentity, SimDevice } from '@dmc/sim';
import { consoleClient, freePort, signIn, startInstance, type Instance } from './support/cluster-support';

const PASSWORD = 'crash-admin-password';
const FLEET = 12;
const NODES = ['Mod', 'Man', 'FwV', 'Lang'];

describe('SIGKILL and restart on SQLite', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dmc-crash-'));
  let port = 0;
  let instance: Instance;
  let token = '';

  const start = async () => {
    instance = startInstance(port, {
      DMC_DATA_DIR: dataDir,
      DMC_PUBLIC_URL: `http://127.0.0.1:${port}`,
      DMC_ADMIN_PASSWORD: PASSWORD,
      // One command per package, so a session spans several packages and the kill lands inside one.
      DMC_MAX_COMMANDS_PER_PACKAGE: '1',
      DMC_SESSION_IDLE_S: '2',
      DMC_LOG_LEVEL: 'warn',
    });
    await instance.whenReady();
    token = await signIn(instance.url, 'admin', PASSWORD);
  };

  const client = consoleClient(() => token, { reconnect: false });
  const api = (method: string, route: string, body?: unknown) => client.api(instance, method, route, body);

  /** Every command state a console saw, per command, in order, across both processes. */
  const seen = new Map<string, CommandState[]>();
  const watch = async () => {
    const socket = await client.socket(instance);
    socket.on('command:state-changed', (e) => seen.set(e.id, [...(seen.get(e.id) ?? []), e.state]));
  };

  beforeAll(async () => {
    port = await freePort();
    await start();
  }, 60_000);

  afterAll(async () => {
    client.closeSockets();
    await instance?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('keeps every accepted command, finishes each once, and never resends a reported one', async () => {
    const devices: SimDevice[] = [];
    const ids: string[] = [];
    for (let n = 1; n <= FLEET; n += 1) {
      const { devId, secret } = deviceIdentity('crash', n);
      expect((await api('POST', apiRoutes.devices, { devId, secret })).status).toBe(201);
      devices.push(new SimDevice({ devId, secret, serverUrl: `http://127.0.0.1:${port}/dm` }));
      for (const node of NODES) {
        const command = ['GET', `urn:oma:mo:oma-dm-devinfo:1.0//${node}`];
        const res = await api('POST', apiRoutes.deviceCommands(devId), { command });
        expect(res.status).toBe(201);
        ids.push(queuedCommandSchema.parse(await res.json()).id);
      }
    }
    await watch();

    // Devices contact the server again and again; while it is down their sessions fail.
    let running = true;
    const contacts = devices.map(async (device) => {
      while (running) {
        await device.runSession();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    const done = () => [...seen.values()].filter((states) => states.includes('ok')).length;
    try {
      await expect.poll(done, { timeout: 20_000, interval: 20 }).toBeGreaterThanOrEqual(ids.length / 3);
      await instance.stop('SIGKILL');
      const finishedBeforeCrash = new Set(
        [...seen].filter(([, states]) => states.includes('ok')).map(([id]) => id),
      );
      expect(finishedBeforeCrash.size).toBeLessThan(ids.length);

      await start();
      await watch();
      const final = async () => {
        const states = await Promise.all(
          ids.map(
            async (id) =>
              commandRecordSchema.parse(await (await api('GET', apiRoutes.command(id))).json()).state,
          ),
        );
        return states.filter((s) => s === 'ok').length;
      };
      await expect.poll(final, { timeout: 30_000, interval: 250 }).toBe(ids.length);

      // A command a console saw finish before the crash was never sent again after it.
      for (const id of finishedBeforeCrash) {
        const states = seen.get(id) ?? [];
        expect(states.slice(states.indexOf('ok') + 1)).not.toContain('sent');
      }
    } finally {
      running = false;
      await Promise.all(contacts);
    }
  }, 90_000);
});
