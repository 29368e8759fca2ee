// A claimed P0 attempt is pushed only while at least half its claim remains (ARCHITECTURE.md
// invariant 9): in a batch held up by slow pushes, the attempts whose turn comes too late are left for
// the next dispatch once their claim ends, so a dispatcher on another instance taking them over never
// pushes beside a late first one.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeP0 } from '@dmc/shared/protocol';
import type { Clock } from '../src/domain/ports';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../src/domain/notify/notification.service';
import { startTestServer, type TestServer } from './support/test-server';

const DEVICES = Array.from({ length: 9 }, (_, i) => `claim-${i}`);
const GET_MOD = ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//Mod'];

/** A push endpoint that holds every answer until the test lets them go; counts P0s per device. */
async function startHeldPushEndpoint() {
  const received = new Map<string, number[]>();
  const held: ServerResponse[] = [];
  let isHolding = true;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const devId = (req.url ?? '').replace(/^\/push\//, '');
      const decoded = decodeP0(new Uint8Array(Buffer.concat(chunks)));
      received.set(devId, [
        ...(received.get(devId) ?? []),
        decoded.ok ? (decoded.value.notificationId ?? 0) : -1,
      ]);
      if (isHolding) held.push(res);
      else res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`,
    received,
    heldCount: () => held.length,
    release() {
      isHolding = false;
      for (const res of held.splice(0)) res.writeHead(202).end();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('a P0 attempt claimed too long ago', () => {
  let server: TestServer;
  let push: Awaited<ReturnType<typeof startHeldPushEndpoint>>;
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

  beforeEach(async () => {
    offsetMs = 0;
    push = await startHeldPushEndpoint();
    server = await startTestServer({ clock });
    for (const devId of DEVICES)
      await server.registerDevice(devId, 'claim-secret-0123456789', {
        pushUrl: `${push.url}/${devId}`,
        notifySecret: 'claim-p0-secret-abcdefghijk',
      });
  });
  afterEach(async () => {
    push.release();
    await server.close();
    await push.close();
  });

  const notification = async (devId: string) => {
    const [row] = await server.store.notifications.listByDevice(devId, 1);
    if (!row) throw new Error(`no notification for ${devId}`);
    return row;
  };

  it('is left for the next dispatch instead of being pushed late', async () => {
    for (const devId of DEVICES) {
      const res = await server.api('POST', `/api/v1/devices/${devId}/commands`, { command: GET_MOD });
      expect(res.status).toBe(201);
    }
    offsetMs += 1_000;
    const { notifications } = server.app.services;
    // One dispatch claims all nine; eight pushes go out at once and hang.
    const dispatch = notifications.dispatchDue();
    await expect.poll(() => push.heldCount()).toBe(8);
    // More than half the claim passes before the ninth's turn.
    offsetMs += DEFAULT_NOTIFICATION_SETTINGS.claimMs / 2 + 1_000;
    push.release();
    expect(await dispatch).toBe(9);
    const pushed = DEVICES.filter((d) => push.received.has(d));
    expect(pushed).toHaveLength(8);
    const [late] = DEVICES.filter((d) => !push.received.has(d));
    if (late === undefined) throw new Error('every device was pushed');
    expect(await notification(late)).toMatchObject({ state: 'pending', attempts: 1 });

    // Not due again until its claim ends; then the next dispatch pushes it once.
    expect(await notifications.dispatchDue()).toBe(0);
    expect(push.received.has(late)).toBe(false);
    offsetMs += DEFAULT_NOTIFICATION_SETTINGS.claimMs / 2;
    expect(await notifications.dispatchDue()).toBe(1);
    const row = await notification(late);
    expect(row).toMatchObject({ state: 'sent', attempts: 2 });
    expect(push.received.get(late)).toEqual([row.notificationId]);
  });
});
