import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeP0 } from '@dmc/shared/protocol';
import type { Clock } from '../src/domain/ports';
import { LockstepDevice } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'notify-secret-0123456789';
const NOTIFY_SECRET = 'p0-secret-abcdefghijklmnop';

/** A device's push endpoint: records every P0 and answers with the status the test sets. */
async function startPushEndpoint() {
  const received: { body: Buffer; contentType: string | undefined }[] = [];
  let status = 202;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks), contentType: req.headers['content-type'] });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/push`,
    received,
    setStatus: (s: number) => {
      status = s;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('waking devices with P0 over HTTP push', () => {
  let server: TestServer;
  let push: Awaited<ReturnType<typeof startPushEndpoint>>;
  let offsetMs: number;
  /** When set, time stands still (plus `offsetMs`), so a window can be tested without racing the clock. */
  let frozenAt: number | undefined;
  const clock: Clock = { now: () => new Date((frozenAt ?? Date.now()) + offsetMs) };
  const advance = (ms: number) => {
    offsetMs += ms;
  };
  const notifications = () => server.app.services.notifications;

  beforeEach(async () => {
    offsetMs = 0;
    frozenAt = undefined;
    push = await startPushEndpoint();
    server = await startTestServer({ clock });
    await server.registerDevice('wake-1', SECRET, { pushUrl: push.url, notifySecret: NOTIFY_SECRET });
  });
  afterEach(async () => {
    await server.close();
    await push.close();
  });

  async function list() {
    const res = await server.api('GET', '/api/v1/devices/wake-1/notifications');
    return (
      (await res.json()) as {
        items: {
          state: string;
          attempts: number;
          notificationId: number;
          lastError: string | null;
          nextAttemptAt: string | null;
        }[];
      }
    ).items;
  }

  it('POST …/notify sends a P0 whose bytes verify independently', async () => {
    const res = await server.api('POST', '/api/v1/devices/wake-1/notify');
    expect(res.status).toBe(202);
    const record = (await res.json()) as { state: string; notificationId: number };
    expect(record.state).toBe('sent');
    expect(push.received).toHaveLength(1);
    const { body, contentType } = push.received[0]!;
    expect(contentType).toBe('application/vnd.oma.dm.notification');
    // Header: VER=1 in the top 4 bits.
    expect(body[0]! >> 4).toBe(1);
    const decoded = decodeP0(new Uint8Array(body));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.value.serverId).toBe('dmc');
    expect(decoded.value.notificationId).toBe(record.notificationId);
    expect(Math.abs((decoded.value.timestamp ?? 0) - clock.now().getTime() / 1000)).toBeLessThan(5);
    // protocol §6: digest = SHA-256(secret ‖ P0 with a zeroed digest ‖ authData)
    const digest = Buffer.from(decoded.value.digest ?? new Uint8Array());
    expect(digest).toHaveLength(32);
    const zeroed = Buffer.from(body);
    zeroed.set(Buffer.alloc(32), zeroed.indexOf(digest));
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from(NOTIFY_SECRET), zeroed, Buffer.from('wake-1')]))
      .digest();
    expect(digest.equals(expected)).toBe(true);
  });

  it('is refused with 409 for a device without a push URL', async () => {
    await server.registerDevice('no-push', SECRET);
    const res = await server.api('POST', '/api/v1/devices/no-push/notify');
    expect(res.status).toBe(409);
  });

  it('coalesces queued work into one P0', async () => {
    frozenAt = Date.now();
    for (let i = 0; i < 50; i += 1) {
      await server.api('POST', '/api/v1/devices/wake-1/commands', {
        command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//Mod'],
      });
    }
    expect(await notifications().dispatchDue()).toBe(0); // still inside the coalescing window
    advance(1_000);
    expect(await notifications().dispatchDue()).toBe(1);
    expect(await notifications().dispatchDue()).toBe(0);
    expect(push.received).toHaveLength(1);
    expect(await list()).toEqual([expect.objectContaining({ state: 'sent', attempts: 1 })]);
  });

  it('retries a refused push with growing delays and stops once the device calls', async () => {
    push.setStatus(503);
    await server.api('POST', '/api/v1/devices/wake-1/notify');
    const delays: number[] = [];
    let last = clock.now().getTime();
    for (let i = 0; i < 3; i += 1) {
      const [row] = await list();
      expect(row?.state).toBe('pending');
      expect(row?.lastError).toMatch(/503/);
      const due = Date.parse(row?.nextAttemptAt ?? '');
      delays.push(due - last);
      advance(due - clock.now().getTime());
      last = clock.now().getTime();
      expect(await notifications().dispatchDue()).toBe(1);
    }
    expect(push.received).toHaveLength(4);
    expect(delays[1]! / delays[0]!).toBeGreaterThanOrEqual(1.5);
    expect(delays[2]! / delays[1]!).toBeGreaterThanOrEqual(1.5);

    const device = new LockstepDevice(server.baseUrl, 'wake-1', SECRET);
    await device.p1({
      Alert: [
        {
          AlertType: 'urn:oma:at:dm:2.0:ServerInitiatedMgmt',
          Data: { NotificationID: (await list())[0]!.notificationId },
        },
      ],
    });
    expect((await list())[0]).toMatchObject({ state: 'answered' });
    advance(3_600_000);
    expect(await notifications().dispatchDue()).toBe(0);
    expect(push.received).toHaveLength(4);
  });

  it('pushes again when an accepted P0 is not followed by a session, until the deadline', async () => {
    await server.api('POST', '/api/v1/devices/wake-1/notify');
    advance(31_000);
    expect(await notifications().dispatchDue()).toBe(1);
    expect(push.received).toHaveLength(2);
    advance(900_000);
    await notifications().dispatchDue();
    expect((await list())[0]).toMatchObject({ state: 'expired' });
    expect(push.received).toHaveLength(2);
  });

  it('gives up as failed when the deadline passes without an accepted push', async () => {
    push.setStatus(500);
    await server.api('POST', '/api/v1/devices/wake-1/notify');
    advance(901_000);
    await notifications().dispatchDue();
    expect((await list())[0]).toMatchObject({ state: 'failed' });
  });

  it('two dispatchers never send the same attempt twice', async () => {
    await server.api('POST', '/api/v1/devices/wake-1/commands', {
      command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//Mod'],
    });
    advance(1_000);
    const results = await Promise.all([
      notifications().dispatchDue(),
      notifications().dispatchDue(),
      notifications().dispatchDue(),
    ]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    expect(push.received).toHaveLength(1);
  });
});
