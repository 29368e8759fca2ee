// Retry and the session list (console): a failed/expired/cancelled command queued again with fresh
// server-made URLs, run by a real simulated device; a device's sessions for its timeline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimDevice } from '@dmc/sim';
import {
  apiRoutes,
  retriedCommandSchema,
  sessionListSchema,
  type CommandRecord,
  type RetriedCommand,
} from '@dmc/shared/api';
import { getCommand, getTree, nodeValue, queueCommand } from './support/sim-helpers';
import { startTestServer, type TestServer } from './support/test-server';

const DEV = 'retry-1';
const SECRET = 'retry-device-secret-0123456789';
const DCMO = 'urn:oma:mo:oma-dcmo:1.0';

describe('retrying commands', () => {
  let server: TestServer;
  let device: SimDevice;

  beforeEach(async () => {
    server = await startTestServer();
    await server.registerDevice(DEV, SECRET);
    device = new SimDevice({ devId: DEV, secret: SECRET, serverUrl: `${server.baseUrl}/dm` });
    expect((await device.runSession()).ok).toBe(true);
  });
  afterEach(async () => {
    await device.whenIdle();
    await server.close();
  });

  async function cancel(id: string): Promise<void> {
    expect((await server.api('POST', apiRoutes.cancelCommand(id))).status).toBe(200);
  }
  async function retry(id: string, token?: string): Promise<Response> {
    return server.api('POST', apiRoutes.retryCommand(id), undefined, token);
  }
  async function retried(id: string): Promise<RetriedCommand> {
    const res = await retry(id);
    expect(res.status, await res.clone().text()).toBe(201);
    return retriedCommandSchema.parse(await res.json());
  }
  async function runUntil(id: string, state: CommandRecord['state']): Promise<CommandRecord> {
    await device.runSession();
    await device.whenIdle();
    const record = await getCommand(server, id);
    expect(record.state).toBe(state);
    return record;
  }

  it('queues a cancelled EXEC again with a new job URL, and the device runs it to ok', async () => {
    const id = await queueCommand(server, DEV, { command: ['EXEC', `${DCMO}/Camera/Operations/Disable`] });
    await cancel(id);
    const again = await retried(id);
    expect(again).toMatchObject({ state: 'queued', retryOf: id });
    const [before, after] = [await getCommand(server, id), await getCommand(server, again.id)];
    expect(after.command.slice(0, 2)).toEqual(before.command.slice(0, 2));
    expect(after.command[2]).toMatch(new RegExp(`^${server.baseUrl}/dm/jobs/`));
    expect(after.command[2]).not.toBe(before.command[2]);
    await runUntil(again.id, 'ok');
    expect(device.store.getValue(DCMO, 'Camera', 'Enabled')).toBe('false');
    expect((await getCommand(server, id)).state).toBe('cancelled');
  });

  it('copies the hosted data of an HGET write to a new DR object', async () => {
    const id = await queueCommand(server, DEV, {
      command: ['HGET', null, 'urn:oma:mo:oma-fumo:1.0/fw/PkgName'],
      data: { PkgName: 'retry-pkg' },
    });
    await cancel(id);
    const again = await retried(id);
    const [before, after] = [await getCommand(server, id), await getCommand(server, again.id)];
    expect(after.command[1]).not.toBe(before.command[1]);
    const [oldBody, newBody] = await Promise.all(
      [before.command[1]!, after.command[1]!].map(async (url) => (await fetch(url)).text()),
    );
    expect(newBody).toBe(oldBody);
    await runUntil(again.id, 'ok');
    expect(nodeValue(await getTree(server, DEV), 'urn:oma:mo:oma-fumo:1.0', 'fw', 'PkgName')).toBe(
      'retry-pkg',
    );
  });

  it('makes a new page from the stored spec for a SHOW, and a new inbox for an HPUT', async () => {
    const page = { kind: 'info', title: 'Maintenance', text: 'The router restarts tonight.' };
    const show = await queueCommand(server, DEV, { command: ['SHOW', null], page });
    const hput = await queueCommand(server, DEV, {
      command: ['HPUT', null, 'urn:oma:mo:oma-dm-devinfo:1.0//'],
    });
    await cancel(show);
    await cancel(hput);
    const [showAgain, hputAgain] = [await retried(show), await retried(hput)];
    const newShow = await getCommand(server, showAgain.id);
    const oldShow = await getCommand(server, show);
    expect(newShow.command[1]).toMatch(new RegExp(`^${server.baseUrl}/ui/`));
    expect(newShow.command[1]).not.toBe(oldShow.command[1]);
    const html = await (await fetch(newShow.command[1]!)).text();
    expect(html).toContain('The router restarts tonight.');
    const newHput = await getCommand(server, hputAgain.id);
    expect(newHput.command[1]).toMatch(new RegExp(`^${server.baseUrl}/dr/inbox/`));
    expect(newHput.command[1]).not.toBe((await getCommand(server, hput)).command[1]);
    await runUntil(hputAgain.id, 'ok');
  });

  it('refuses a command that is not in a final failed state (409), an unknown one (404) and support users (403)', async () => {
    const id = await queueCommand(server, DEV, { command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//Mod'] });
    const queued = await retry(id);
    expect(queued.status).toBe(409);
    expect(((await queued.json()) as { error: { code: string } }).error.code).toBe('CONFLICT');
    await runUntil(id, 'ok');
    expect((await retry(id)).status).toBe(409);
    expect((await retry('no-such-command')).status).toBe(404);
    await server.api('POST', '/api/v1/users', { username: 'sue', password: 'sue-password', role: 'support' });
    const support = await server.login('sue', 'sue-password');
    const failed = await queueCommand(server, DEV, {
      command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//Mod'],
    });
    await cancel(failed);
    expect((await retry(failed, support)).status).toBe(403);
    const bad = await server.api('POST', apiRoutes.retryCommand(failed), { ttlS: 'soon' });
    expect(bad.status).toBe(400);
  });

  it('retries a failed command: a GET of an unknown node fails with 404, then is queued again', async () => {
    const id = await queueCommand(server, DEV, {
      command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//NoSuchNode'],
    });
    const failed = await runUntil(id, 'failed');
    expect(failed.sc).toBe(404);
    const again = await retried(id);
    expect((await getCommand(server, again.id)).command).toEqual(failed.command);
  });

  it('lists the device sessions, newest first, for support users too', async () => {
    await device.runSession();
    await server.api('POST', '/api/v1/users', { username: 'sid', password: 'sid-password', role: 'support' });
    const support = await server.login('sid', 'sid-password');
    const res = await server.api('GET', apiRoutes.deviceSessions(DEV), undefined, support);
    expect(res.status).toBe(200);
    const { items } = sessionListSchema.parse(await res.json());
    expect(items).toHaveLength(2);
    expect(items.map((s) => s.status)).toEqual(['completed', 'completed']);
    expect(items[0]!.startedAt >= items[1]!.startedAt).toBe(true);
    expect(items[0]!.endedAt).not.toBeNull();
    expect((await server.api('GET', apiRoutes.deviceSessions('nobody'))).status).toBe(404);
    expect((await server.api('GET', `${apiRoutes.deviceSessions(DEV)}?limit=0`)).status).toBe(400);
  });
});
