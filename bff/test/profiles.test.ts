// Configuration profiles over real HTTP (protocol §14): CRUD and its checks (the query by the fleet
// query parser, concrete node URIs, names unique ignoring case, the bound), who may write, revisions,
// conflicts between profiles, the membership sweep a write starts (new matches pending, devices that
// stop matching dropped, live events), the status page and a device's profiles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditPageSchema,
  deviceProfilesSchema,
  errorResponseSchema,
  MAX_PROFILES,
  profileListSchema,
  profileSchema,
  profileStatusPageSchema,
  type Profile,
} from '@dmc/shared/api';
import { startTestServer, type TestServer } from './support/test-server';

const PROFILES = '/api/v1/profiles';
const REGION = 'urn:oma:mo:oma-dm-devdetail:1.0//Ext/Wifi/Region';
const SSID = 'urn:oma:mo:oma-dm-devdetail:1.0//Ext/Wifi/SSID';
const DEVICES = ['PF-1', 'PF-2', 'PF-3', 'PF-4'];
let server: TestServer;
let operator = '';
let support = '';

beforeAll(async () => {
  server = await startTestServer();
  for (const [username, role] of [
    ['olivia', 'operator'],
    ['sam', 'support'],
  ] as const) {
    const res = await server.api('POST', '/api/v1/users', {
      username,
      password: `${username}-password-1`,
      role,
    });
    expect(res.status).toBe(201);
  }
  operator = await server.login('olivia', 'olivia-password-1');
  support = await server.login('sam', 'sam-password-1');
  for (const [i, devId] of DEVICES.entries())
    await server.registerDevice(devId, 'profile-device-secret-0123456789', {
      labels: i < 2 ? ['eu'] : ['us'],
    });
});
afterAll(async () => {
  await server.close();
});

async function create(body: unknown, token = operator): Promise<Profile> {
  const res = await server.api('POST', PROFILES, body, token);
  expect(res.status, await res.clone().text()).toBe(201);
  expect(res.headers.get('location')).toMatch(/^\/api\/v1\/profiles\//);
  return profileSchema.parse(await res.json());
}

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  return errorResponseSchema.parse(await res.json()).error;
}

async function status(id: string, query = '') {
  const res = await server.api('GET', `${PROFILES}/${id}/status${query}`, undefined, support);
  expect(res.status).toBe(200);
  return profileStatusPageSchema.parse(await res.json());
}

async function clear(): Promise<void> {
  const res = await server.api('GET', PROFILES);
  for (const p of profileListSchema.parse(await res.json()).items)
    expect((await server.api('DELETE', `${PROFILES}/${p.id}`)).status).toBe(204);
}

describe('configuration profiles', () => {
  it('creates a profile, sweeps its members in as pending, and shows them to every role', async () => {
    await clear();
    const socket = await server.socket(support);
    const changed: unknown[] = [];
    const counts: { id: string; counts: { pending: number } }[] = [];
    socket.on('profile:changed', (e) => changed.push(e));
    socket.on('profile:counts', (e) => counts.push(e));
    const wifi = await create({
      name: 'Wifi EU',
      query: 'label = "eu"',
      priority: 5,
      nodes: [
        { uri: REGION, value: 'eu' },
        { uri: SSID, value: 'corp' },
      ],
      execs: [{ uri: 'urn:oma:mo:oma-dm-devdetail:1.0//Ext/Wifi/Apply' }],
    });
    expect(wifi).toMatchObject({
      name: 'Wifi EU',
      priority: 5,
      enabled: true,
      driftRetries: 3,
      revision: 1,
      createdBy: 'olivia',
      conflicts: [],
    });
    await expect.poll(async () => (await status(wifi.id)).pending, { timeout: 10_000 }).toBe(2);
    const page = await status(wifi.id);
    expect(page.devices.map((d) => [d.devId, d.status, d.reason, d.profileName])).toEqual([
      ['PF-1', 'pending', "waiting for the device's next session", 'Wifi EU'],
      ['PF-2', 'pending', "waiting for the device's next session", 'Wifi EU'],
    ]);
    await expect.poll(() => changed, { timeout: 10_000 }).toContainEqual({ id: wifi.id, removed: false });
    await expect
      .poll(() => counts.filter((c) => c.id === wifi.id).at(-1)?.counts.pending, { timeout: 10_000 })
      .toBe(2);

    const list = await server.api('GET', PROFILES, undefined, support);
    expect(profileListSchema.parse(await list.json()).items[0]?.counts).toEqual({
      verified: 0,
      pending: 2,
      failed: 0,
      conflicted: 0,
    });
    const mine = await server.api('GET', `/api/v1/devices/PF-1/profiles`, undefined, support);
    expect(deviceProfilesSchema.parse(await mine.json()).items.map((s) => s.profileName)).toEqual([
      'Wifi EU',
    ]);
    const none = await server.api('GET', `/api/v1/devices/PF-3/profiles`, undefined, support);
    expect(deviceProfilesSchema.parse(await none.json()).items).toEqual([]);
    await problem(await server.api('GET', `/api/v1/devices/ghost/profiles`), 404);
    socket.disconnect();
  });

  it('pages the status by DevID and filters it by status', async () => {
    await clear();
    const all = await create({ name: 'Everyone', query: '', nodes: [{ uri: REGION, value: 'x' }] });
    await expect.poll(async () => (await status(all.id)).pending, { timeout: 10_000 }).toBe(4);
    const first = await status(all.id, '?limit=3');
    expect(first.devices.map((d) => d.devId)).toEqual(['PF-1', 'PF-2', 'PF-3']);
    expect(first.next).toBe('PF-3');
    const second = await status(all.id, `?limit=3&after=${first.next}`);
    expect(second.devices.map((d) => d.devId)).toEqual(['PF-4']);
    expect(second.next).toBeNull();
    expect((await status(all.id, '?status=failed')).devices).toEqual([]);
    await problem(await server.api('GET', `${PROFILES}/${all.id}/status?status=odd`), 400);
  });

  it('refuses a bad query with its offset, a URI that is not one node, a taken name and support', async () => {
    await clear();
    const base = { name: 'Checked', query: '', nodes: [{ uri: REGION, value: 'eu' }] };
    const bad = await problem(await server.api('POST', PROFILES, { ...base, query: 'Mod = ' }), 400);
    expect(bad.details).toMatchObject({ offset: 6 });
    for (const uri of [
      './Wifi/Region',
      'urn:oma:mo:oma-dm-devdetail:1.0/*/Ext',
      'urn:oma:mo:oma-dm-devdetail:1.0//',
    ])
      await problem(await server.api('POST', PROFILES, { ...base, nodes: [{ uri, value: '1' }] }), 400);
    await problem(await server.api('POST', PROFILES, { ...base, nodes: [] }), 400);
    await problem(await server.api('POST', PROFILES, base, support), 403);
    const made = await create(base);
    const clash = await problem(await server.api('POST', PROFILES, { ...base, name: 'CHECKED' }), 409);
    expect(clash.details).toMatchObject({ reason: 'name-taken' });
    await problem(await server.api('PATCH', `${PROFILES}/${made.id}`, { enabled: false }, support), 403);
    await problem(await server.api('DELETE', `${PROFILES}/${made.id}`, undefined, support), 403);
    await problem(await server.api('PATCH', `${PROFILES}/${made.id}`, { query: 'label =' }), 400);
    await problem(await server.api('PATCH', `${PROFILES}/nope`, { enabled: false }), 404);
    await problem(await server.api('GET', `${PROFILES}/nope`, undefined, support), 404);

    // Writes are audited, refusals too.
    const audit = await server.api('GET', '/api/v1/audit?limit=50');
    const entries = auditPageSchema.parse(await audit.json()).items;
    expect(entries).toContainEqual(
      expect.objectContaining({ actor: 'olivia', action: 'createProfile', target: made.id, outcome: 'ok' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ actor: 'sam', action: 'createProfile', outcome: 'FORBIDDEN' }),
    );
  });

  it('bumps the revision only when query, nodes or EXECs change, and re-sweeps a new query', async () => {
    await clear();
    const p = await create({ name: 'Rev', query: 'label = "eu"', nodes: [{ uri: REGION, value: 'eu' }] });
    await expect.poll(async () => (await status(p.id)).pending, { timeout: 10_000 }).toBe(2);
    const patch = async (body: unknown) => {
      const res = await server.api('PATCH', `${PROFILES}/${p.id}`, body, operator);
      expect(res.status, await res.clone().text()).toBe(200);
      return profileSchema.parse(await res.json());
    };
    expect((await patch({ name: 'Rev 2', priority: 3, driftRetries: 1 })).revision).toBe(1);
    expect((await patch({ nodes: [{ uri: REGION, value: 'de' }] })).revision).toBe(2);
    const moved = await patch({ query: 'label = "us"' });
    expect(moved).toMatchObject({ revision: 3, name: 'Rev 2', priority: 3, driftRetries: 1 });
    await expect
      .poll(async () => (await status(p.id)).devices.map((d) => d.devId), { timeout: 10_000 })
      .toEqual(['PF-3', 'PF-4']);
  });

  it('sweeps a disabled profile only once it is enabled, and starts older states over on a new revision', async () => {
    await clear();
    const p = await create({
      name: 'Later',
      query: 'label = "eu"',
      enabled: false,
      nodes: [{ uri: REGION, value: 'eu' }],
    });
    const patch = async (body: unknown) => {
      const res = await server.api('PATCH', `${PROFILES}/${p.id}`, body, operator);
      expect(res.status, await res.clone().text()).toBe(200);
      return profileSchema.parse(await res.json());
    };
    expect((await status(p.id)).devices).toEqual([]);
    await patch({ enabled: true });
    await expect.poll(async () => (await status(p.id)).pending, { timeout: 10_000 }).toBe(2);
    // A device verified for revision 1 is pending again once the nodes change.
    const [first] = await server.store.profiles.states(p.id, { limit: 1 });
    if (first === undefined) throw new Error('no state');
    await server.store.profiles.putStates([{ ...first, status: 'verified', reason: null }]);
    expect((await status(p.id)).verified).toBe(1);
    expect((await patch({ nodes: [{ uri: REGION, value: 'de' }] })).revision).toBe(2);
    await expect
      .poll(async () => (await status(p.id)).devices.map((d) => [d.status, d.revision]), { timeout: 10_000 })
      .toEqual([
        ['pending', 2],
        ['pending', 2],
      ]);
  });

  it('shows two profiles setting one node to different values as conflicting, the higher priority winning', async () => {
    await clear();
    const eu = await create({
      name: 'EU',
      query: 'label = "eu"',
      priority: 10,
      nodes: [{ uri: REGION, value: 'eu' }],
    });
    const us = await create({
      name: 'US',
      query: 'label = "us"',
      priority: 1,
      nodes: [{ uri: REGION, value: 'us' }],
    });
    const got = async (id: string) =>
      profileSchema.parse(await (await server.api('GET', `${PROFILES}/${id}`, undefined, support)).json());
    expect((await got(eu.id)).conflicts).toEqual([
      { uri: REGION, profileId: us.id, profileName: 'US', wins: true },
    ]);
    expect((await got(us.id)).conflicts).toEqual([
      { uri: REGION, profileId: eu.id, profileName: 'EU', wins: false },
    ]);
  });

  it('removes a profile with its states, and keeps at most MAX_PROFILES', async () => {
    await clear();
    const p = await create({ name: 'Gone', query: '', nodes: [{ uri: REGION, value: 'eu' }] });
    await expect.poll(async () => (await status(p.id)).pending, { timeout: 10_000 }).toBe(4);
    expect((await server.api('DELETE', `${PROFILES}/${p.id}`, undefined, operator)).status).toBe(204);
    await problem(await server.api('DELETE', `${PROFILES}/${p.id}`), 404);
    expect(await server.store.profiles.deviceStates('PF-1')).toEqual([]);

    const now = new Date();
    for (let i = 0; i < MAX_PROFILES; i += 1)
      await server.store.profiles.create({
        id: `bulk-${i}`,
        name: `bulk ${i}`,
        query: 'devId = "none"',
        priority: 0,
        nodes: [{ uri: REGION, value: 'eu' }],
        execs: [],
        enabled: false,
        driftRetries: 3,
        revision: 1,
        createdBy: 'admin',
        createdAt: now,
        updatedAt: now,
      });
    const full = await problem(
      await server.api('POST', PROFILES, {
        name: 'one more',
        query: '',
        nodes: [{ uri: REGION, value: 'x' }],
      }),
      409,
    );
    expect(full.details).toMatchObject({ reason: 'too-many-profiles', limit: MAX_PROFILES });
    await clear();
  });
});
