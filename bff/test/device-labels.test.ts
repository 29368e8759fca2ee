// Editable labels (protocol §8): PUT replaces, PATCH adds and removes, bounded to 32 per device;
// operators and admins only; every change audited and announced to consoles as `device:updated`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, auditPageSchema, deviceSchema, errorResponseSchema, type Device } from '@dmc/shared/api';
import type { DeviceUpdatedEvent } from '@dmc/shared/events';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'labels-device-secret-0123456789';

describe('device labels over HTTP', () => {
  let server: TestServer;
  let operator: string;
  let support: string;

  beforeAll(async () => {
    server = await startTestServer();
    for (const [username, role] of [
      ['olga', 'operator'],
      ['sam', 'support'],
    ] as const) {
      await server.api('POST', '/api/v1/users', { username, password: `${username}-password-1`, role });
    }
    operator = await server.login('olga', 'olga-password-1');
    support = await server.login('sam', 'sam-password-1');
    await server.registerDevice('lab-1', SECRET, { labels: ['north', 'lab'] });
    await server.registerDevice('lab-2', SECRET);
  });
  afterAll(async () => {
    await server.close();
  });

  async function send(method: 'PUT' | 'PATCH', devId: string, body: unknown, token?: string) {
    const res = await server.api(method, apiRoutes.deviceLabels(devId), body, token);
    return { status: res.status, body: await res.json() };
  }
  async function labelsOf(devId: string): Promise<string[]> {
    return deviceSchema.parse(await (await server.api('GET', apiRoutes.device(devId))).json()).labels;
  }
  async function listedWith(label: string): Promise<string[]> {
    const res = await server.api('GET', `${apiRoutes.devices}?label=${encodeURIComponent(label)}`);
    return ((await res.json()) as { items: Device[] }).items.map((d) => d.devId);
  }

  it('PUT replaces the labels; the list filter and the device agree', async () => {
    const { status, body } = await send('PUT', 'lab-1', { labels: ['south', 'canary', 'south'] }, operator);
    expect(status).toBe(200);
    expect(deviceSchema.parse(body).labels).toEqual(['canary', 'south']);
    expect(await labelsOf('lab-1')).toEqual(['canary', 'south']);
    expect(await listedWith('north')).toEqual([]);
    expect(await listedWith('canary')).toEqual(['lab-1']);
  });

  it('PATCH adds and removes, and tells every console with device:updated', async () => {
    const watcher = await server.socket();
    const updates: DeviceUpdatedEvent[] = [];
    const seen = new Promise<void>((resolve) =>
      watcher.on('device:updated', (e) => {
        updates.push(e);
        if (e.device.devId === 'lab-2') resolve();
      }),
    );
    const { status, body } = await send('PATCH', 'lab-2', { add: ['wave-1', 'eu/west'], remove: ['none'] });
    expect(status).toBe(200);
    expect(deviceSchema.parse(body).labels).toEqual(['eu/west', 'wave-1']);
    await seen;
    expect(updates.find((e) => e.device.devId === 'lab-2')?.device.labels).toEqual(['eu/west', 'wave-1']);
    expect((await send('PATCH', 'lab-2', { remove: ['wave-1'] })).status).toBe(200);
    expect(await labelsOf('lab-2')).toEqual(['eu/west']);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = await labelsOf('lab-2');
    const bad: [method: 'PUT' | 'PATCH', body: unknown][] = [
      ['PUT', { labels: ['has space'] }],
      ['PUT', { labels: Array.from({ length: 33 }, (_, i) => `l${i}`) }],
      ['PUT', {}],
      ['PATCH', {}],
      ['PATCH', { add: ['a'], remove: ['a'] }],
      ['PATCH', { add: ['x'.repeat(65)] }],
    ];
    for (const [method, body] of bad) {
      const res = await send(method, 'lab-2', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorResponseSchema.parse(res.body).error.code).toBe('VALIDATION_FAILED');
    }
    expect(await labelsOf('lab-2')).toEqual(before);
  });

  it('refuses a change that would give the device more than 32 labels, in words', async () => {
    const labels = Array.from({ length: 32 }, (_, i) => `l${String(i).padStart(2, '0')}`);
    expect((await send('PUT', 'lab-2', { labels })).status).toBe(200);
    const res = await send('PATCH', 'lab-2', { add: ['one-more'] });
    expect(res.status).toBe(400);
    expect(errorResponseSchema.parse(res.body).error.message).toMatch(/more than 32 labels/);
    expect(await labelsOf('lab-2')).toEqual(labels);
    // Removing one at the same time makes room.
    expect((await send('PATCH', 'lab-2', { add: ['one-more'], remove: ['l00'] })).status).toBe(200);
  });

  it('answers 404 for a device that is not registered', async () => {
    expect((await send('PUT', 'ghost', { labels: ['a'] })).status).toBe(404);
    expect((await send('PATCH', 'ghost', { add: ['a'] })).status).toBe(404);
  });

  it('lets support users read but not change labels, and audits every change', async () => {
    expect((await send('PATCH', 'lab-1', { add: ['nope'] }, support)).status).toBe(403);
    expect(await labelsOf('lab-1')).not.toContain('nope');
    const audit = auditPageSchema.parse(
      await (await server.api('GET', `${apiRoutes.audit}?target=lab-1&limit=50`)).json(),
    );
    const actions = audit.items.map((e) => `${e.actor} ${e.action} ${e.outcome}`);
    expect(actions).toContain('olga replaceDeviceLabels ok');
    expect(actions).toContain('sam changeDeviceLabels FORBIDDEN');
  });
});
