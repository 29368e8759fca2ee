// Tree history over real HTTP (protocol §13): a DR upload and a DM session's DELETE are recorded with
// their cause, the routes check their input, and read-only users get capability tokens redacted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOIDS, SimDevice } from '@dmc/sim';
import { apiRoutes, nodeHistorySchema, treeDiffSchema, deviceTreeSchema } from '@dmc/shared/api';
import { MEDIA_TYPES } from '@dmc/shared/protocol';
import { getCommand, queueCommand } from './support/sim-helpers';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'history-device-secret-0123';
const CAMERA = `${MOIDS.dcmo}/Camera`;
let server: TestServer;
let supportToken = '';

beforeAll(async () => {
  server = await startTestServer();
  const res = await server.api('POST', apiRoutes.users, {
    username: 'sally',
    password: 'support-password-1',
    role: 'support',
  });
  expect(res.status).toBe(201);
  supportToken = await server.login('sally', 'support-password-1');
});
afterAll(async () => {
  await server.close();
});

async function history(devId: string, path: string, token?: string) {
  const query = `?path=${encodeURIComponent(path)}`;
  const res = await server.api('GET', `${apiRoutes.deviceTreeHistory(devId)}${query}`, undefined, token);
  expect(res.status).toBe(200);
  return nodeHistorySchema.parse(await res.json());
}

describe('tree history over HTTP', () => {
  it('records a DR upload with its command, and a DELETE with its session and command', async () => {
    const devId = 'IMEI:490000000000001';
    await server.registerDevice(devId, SECRET);
    const device = new SimDevice({ devId, secret: SECRET, serverUrl: `${server.baseUrl}/dm` });
    expect((await device.runSession()).ok).toBe(true);

    const put = await queueCommand(server, devId, { command: ['HPUT', null, `${CAMERA}/`] });
    const inbox = (await getCommand(server, put)).command[1] ?? '';
    // The value holds one of this server's capability URLs (the inbox itself).
    const upload = await fetch(inbox, {
      method: 'PUT',
      headers: { 'content-type': MEDIA_TYPES.moData },
      body: JSON.stringify([{ ClientURI: `${CAMERA}/`, MOData: { Camera: { Property: inbox } } }]),
    });
    expect(upload.status).toBe(200);
    const uploaded = await history(devId, `${CAMERA}/Property`);
    expect(uploaded.entries[0]).toMatchObject({
      source: 'upload',
      commandId: put,
      sessionId: null,
      value: inbox,
    });

    // Read-only users see the value without the token, in the history, the tree and diffs.
    const redacted = await history(devId, `${CAMERA}/Property`, supportToken);
    expect(redacted.entries[0]?.value).not.toContain(inbox.split('/').at(-1) ?? 'x');
    expect(redacted.entries[0]?.value).toContain('/dr/inbox/');
    const tree = deviceTreeSchema.parse(
      await (await server.api('GET', apiRoutes.deviceTree(devId), undefined, supportToken)).json(),
    );
    const property = tree.instances.flatMap((i) => i.nodes).find((n) => n.value?.includes('/dr/inbox/'));
    expect(property?.value).toBe(redacted.entries[0]?.value);

    // A dynamic node made by an HGET, then deleted by a DELETE in the next session.
    await queueCommand(server, devId, {
      command: ['HGET', null, `${MOIDS.scomo}/sw/Download/tmp`],
      data: { tmp: { PkgID: 'tmp', PkgURL: 'http://x.example/tmp.pkg' } },
    });
    expect((await device.runSession()).ok).toBe(true);
    await device.whenIdle();
    const before = new Date().toISOString();
    const del = await queueCommand(server, devId, { command: ['DELETE', `${MOIDS.scomo}/sw/Download/tmp`] });
    expect((await device.runSession()).ok).toBe(true);
    await device.whenIdle();
    expect(await getCommand(server, del)).toMatchObject({ state: 'ok' });
    const sessions = (await (await server.api('GET', apiRoutes.deviceSessions(devId))).json()) as {
      items: { id: string }[];
    };
    const deleted = await history(devId, `${MOIDS.scomo}/sw/Download/tmp/PkgURL`);
    expect(deleted.entries[0]).toMatchObject({
      op: 'delete',
      value: null,
      oldValue: 'http://x.example/tmp.pkg',
      source: 'session',
      commandId: del,
      sessionId: sessions.items[0]?.id,
    });
    const diffRes = await server.api(
      'GET',
      `${apiRoutes.deviceTreeDiff(devId)}?from=${encodeURIComponent(before)}`,
    );
    const diff = treeDiffSchema.parse(await diffRes.json());
    expect(diff.changes).toContainEqual(
      expect.objectContaining({
        path: `${MOIDS.scomo}/sw/Download/tmp/PkgURL`,
        kind: 'removed',
        before: 'http://x.example/tmp.pkg',
        after: null,
      }),
    );
    const asOf = deviceTreeSchema.parse(
      await (
        await server.api('GET', `${apiRoutes.deviceTree(devId)}?at=${encodeURIComponent(before)}`)
      ).json(),
    );
    expect(asOf).toMatchObject({ asOf: before, complete: true });
    expect(asOf.instances.flatMap((i) => i.nodes.map((n) => n.path))).toContain('Download/tmp/PkgURL');
  });

  it('refuses bad input with 400 and an unknown device with 404', async () => {
    const devId = 'IMEI:490000000000002';
    await server.registerDevice(devId, SECRET);
    const cases: [string, number][] = [
      [`${apiRoutes.deviceTree(devId)}?at=yesterday`, 400],
      [`${apiRoutes.deviceTreeDiff(devId)}`, 400],
      [`${apiRoutes.deviceTreeDiff(devId)}?from=2026-01-01T00:00:00Z&against=x`, 400],
      [`${apiRoutes.deviceTreeDiff(devId)}?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`, 400],
      [`${apiRoutes.deviceTreeDiff(devId)}?against=no-such-device`, 404],
      [`${apiRoutes.deviceTreeHistory(devId)}?path=${encodeURIComponent(`${MOIDS.fumo}/*/State`)}`, 400],
      [`${apiRoutes.deviceTreeHistory(devId)}`, 400],
      [`${apiRoutes.deviceTreeHistory('no-such-device')}?path=x`, 404],
      [`${apiRoutes.deviceTree('no-such-device')}?at=2026-01-01T00:00:00Z`, 404],
    ];
    for (const [path, status] of cases) {
      const res = await server.api('GET', path);
      expect(res.status, path).toBe(status);
      const body = (await res.json()) as { error?: { code: string } };
      expect(body.error?.code, path).toBeDefined();
    }
  });
});
