// Campaigns over real HTTP with simulated devices (protocol §11): waves in order, the error threshold,
// the verbs, approval, the preview, bulk work, and exactly one command per device however often and
// however concurrently the step runs. The step is driven by the test (the background task calls the
// same `campaigns.step()`), so each test decides when the campaign moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOIDS, SimDevice } from '@dmc/sim';
import {
  apiRoutes,
  campaignDeviceListSchema,
  campaignPreviewSchema,
  campaignRecordSchema,
  commandPageSchema,
  createdCampaignSchema,
  type CampaignRecord,
} from '@dmc/shared/api';
import { runAction } from '../src/domain/campaigns/action-runner';
import { systemClock } from '../src/domain/ports';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'sim-device-secret-0123456789';
const LANG = `${MOIDS.devInfo}/d1/Lang`;

let server: TestServer;
let serial = 0;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** Registered devices that have had their first session (inventory read), in devId order. */
async function fleet(count: number): Promise<SimDevice[]> {
  serial += 1;
  const devices: SimDevice[] = [];
  for (let i = 0; i < count; i += 1) {
    const devId = `IMEI:35${String(serial).padStart(4, '0')}${String(i).padStart(6, '0')}`;
    await server.registerDevice(devId, SECRET);
    const device = new SimDevice({ devId, secret: SECRET, serverUrl: `${server.baseUrl}/dm` });
    expect(await device.runSession()).toMatchObject({ ok: true });
    await device.whenIdle();
    devices.push(device);
  }
  return devices;
}

const step = () => server.app.services.campaigns.step();

async function create(body: unknown, token?: string): Promise<string> {
  const res = await server.api('POST', apiRoutes.campaigns, body, token);
  expect(res.status, await res.clone().text()).toBe(201);
  return createdCampaignSchema.parse(await res.json()).id;
}

async function get(id: string): Promise<CampaignRecord> {
  const res = await server.api('GET', apiRoutes.campaign(id));
  expect(res.status).toBe(200);
  return campaignRecordSchema.parse(await res.json());
}

async function verb(id: string, name: 'approve' | 'start' | 'pause' | 'resume' | 'cancel', token?: string) {
  return server.api('POST', apiRoutes.campaignVerb(id, name), undefined, token);
}

/** Commands the campaign's creator queued for the device, oldest first. */
async function commandsOf(devId: string, createdBy = 'admin') {
  return (await server.store.commands.listByDevice(devId, 100))
    .filter((c) => c.createdBy === createdBy)
    .reverse();
}

/** Steps, and lets each device with queued work run a session, until `done` holds. */
async function drive(id: string, devices: readonly SimDevice[], done: (c: CampaignRecord) => boolean) {
  for (let round = 0; round < 60; round += 1) {
    await step();
    const campaign = await get(id);
    if (done(campaign)) return campaign;
    for (const device of devices) {
      if ((await server.store.commands.listQueued(device.devId, new Date(), 1)).length === 0) continue;
      expect(await device.runSession()).toMatchObject({ ok: true });
      await device.whenIdle();
    }
  }
  throw new Error(`campaign ${id} never got there: ${JSON.stringify(await get(id))}`);
}

describe('a command campaign over simulated devices', () => {
  it('runs the canary first, pauses at the error threshold, and completes once resumed', async () => {
    const devices = await fleet(20);
    // Devices 2–4 (the first wave after the canary) lost the node the campaign reads: their GET fails.
    for (const device of devices.slice(2, 5)) device.store.removeNode(MOIDS.devInfo, 'd1', 'Lang');
    const id = await create({
      name: 'Read the language',
      devIds: devices.map((d) => d.devId),
      action: { kind: 'command', command: ['GET', LANG] },
      waves: { canary: 2, size: 6 },
      errorThresholdPct: 20,
    });
    expect((await get(id)).state).toBe('running');

    // Membership and plan, then the canary alone is queued.
    await step();
    await step();
    const planned = await get(id);
    expect(planned.waves.map((w) => w.size)).toEqual([2, 6, 6, 6]);
    const queued = await Promise.all(devices.map(async (d) => (await commandsOf(d.devId)).length));
    expect(queued).toEqual(devices.map((_, i) => (i < 2 ? 1 : 0)));

    const paused = await drive(id, devices, (c) => c.state === 'paused');
    expect(paused).toMatchObject({
      pausedReason: 'error-threshold',
      counts: { ok: 5, failed: 3, pending: 12 },
    });
    expect(paused.waves.map((w) => w.state)).toEqual(['done', 'done', 'pending', 'pending']);
    for (const device of devices.slice(8)) expect(await commandsOf(device.devId)).toEqual([]);
    // Waves ran in order: every canary command was queued before any of the next wave.
    const seqs = await Promise.all(
      devices.slice(0, 8).map(async (d) => (await commandsOf(d.devId))[0]?.seq ?? -1),
    );
    expect(Math.max(...seqs.slice(0, 2))).toBeLessThan(Math.min(...seqs.slice(2)));

    const failed = campaignDeviceListSchema.parse(
      await (await server.api('GET', `${apiRoutes.campaignDevices(id)}?state=failed`)).json(),
    );
    expect(failed.items.map((d) => [d.devId, d.sc, d.reason])).toEqual(
      devices.slice(2, 5).map((d) => [d.devId, 404, 'command-failed']),
    );

    expect((await verb(id, 'resume')).status).toBe(200);
    const completed = await drive(id, devices, (c) => c.state === 'completed');
    expect(completed.counts).toMatchObject({ ok: 17, failed: 3, pending: 0, running: 0 });
    expect(completed.waves.every((w) => w.state === 'done')).toBe(true);
    for (const device of devices) expect(await commandsOf(device.devId)).toHaveLength(1);

    // The fleet-wide command list keeps exactly the campaign's commands, not one queued by hand.
    const byHand = await server.api('POST', apiRoutes.deviceCommands(devices[0]?.devId ?? ''), {
      command: ['GET', LANG],
    });
    expect(byHand.status).toBe(201);
    const listed = await server.api('GET', `${apiRoutes.commands}?campaignId=${id}&limit=200`);
    expect(listed.status).toBe(200);
    const { items: campaignCommands } = commandPageSchema.parse(await listed.json());
    expect(campaignCommands.map((c) => c.devId).sort()).toEqual(devices.map((d) => d.devId).sort());
    expect(campaignCommands.every((c) => c.state !== 'queued')).toBe(true);
    expect((await server.api('GET', `${apiRoutes.commands}?campaignId=no-such-campaign`)).status).toBe(404);

    const mine = await server.api('GET', apiRoutes.deviceCampaigns(devices[3]?.devId ?? ''));
    expect(await mine.json()).toMatchObject({
      items: [
        { campaignId: id, state: 'failed', campaignName: 'Read the language', campaignState: 'completed' },
      ],
    });
  });

  it('tells consoles of each change with campaign:updated', async () => {
    const devices = await fleet(2);
    const socket = await server.socket();
    const seen: CampaignRecord[] = [];
    socket.on('campaign:updated', ({ campaign }) => seen.push(campaign));
    const id = await create({
      name: 'Watched',
      devIds: devices.map((d) => d.devId),
      action: { kind: 'command', command: ['GET', LANG] },
    });
    await drive(id, devices, (c) => c.state === 'completed');
    await expect.poll(() => seen.filter((c) => c.id === id).at(-1)?.state).toBe('completed');
    const states = seen.filter((c) => c.id === id).map((c) => c.state);
    expect(states[0]).toBe('running');
    expect(seen.filter((c) => c.id === id).at(-1)?.counts.ok).toBe(2);
  });

  it('pauses and resumes by hand, and cancel cancels the queued commands of unfinished devices', async () => {
    const devices = await fleet(6);
    const id = await create({
      name: 'Pause and cancel',
      devIds: devices.map((d) => d.devId),
      action: { kind: 'command', command: ['GET', LANG] },
      waves: { canary: 0, size: 2 },
    });
    await step();
    await step();
    expect((await verb(id, 'pause')).status).toBe(200);
    expect((await verb(id, 'pause')).status).toBe(409);
    const first = devices.slice(0, 2);
    for (const d of first) expect(await commandsOf(d.devId)).toHaveLength(1);
    // Paused: the step follows the running devices but starts nothing new.
    await drive(id, first, (c) => c.counts.ok === 2);
    await step();
    expect(await get(id)).toMatchObject({ state: 'paused', pausedReason: 'manual' });
    for (const d of devices.slice(2)) expect(await commandsOf(d.devId)).toEqual([]);

    expect((await verb(id, 'resume')).status).toBe(200);
    await step();
    const second = devices.slice(2, 4);
    for (const d of second) expect((await commandsOf(d.devId))[0]?.state).toBe('queued');
    const cancelled = await verb(id, 'cancel');
    expect(cancelled.status).toBe(200);
    expect((await verb(id, 'resume')).status).toBe(409);
    await step();
    const after = await get(id);
    expect(after).toMatchObject({
      state: 'cancelled',
      counts: { ok: 2, cancelled: 4, pending: 0, running: 0 },
    });
    for (const d of second) expect((await commandsOf(d.devId))[0]?.state).toBe('cancelled');
    for (const d of devices.slice(4)) expect(await commandsOf(d.devId)).toEqual([]);
    for (const d of first) expect((await commandsOf(d.devId))[0]?.state).toBe('ok');
  });
});

describe('a cancel that overtakes a batch being queued', () => {
  it('cancels the command queued for a device the cancel already settled', async () => {
    const devices = await fleet(2);
    const id = await create({
      name: 'Overtaken',
      devIds: devices.map((d) => d.devId),
      action: { kind: 'command', command: ['GET', LANG] },
      waves: { canary: 0, size: 1 },
    });
    await step();
    await step();
    const [stale] = await server.store.campaignDevices.list(id, { state: 'pending', limit: 1 });
    const row = await server.store.campaigns.find(id);
    if (!stale || !row) throw new Error('campaign not planned');
    expect((await verb(id, 'cancel')).status).toBe(200);
    await step();
    // A step on another instance still works from what it read before the cancel.
    const { commands, operations, notifications, artifacts } = server.app.services;
    const ctx = {
      store: server.store,
      clock: systemClock,
      events: server.app.events,
      commands,
      operations,
      notifications,
      artifacts,
      extraMetadata: () => [],
      approvalRequired: false,
    };
    expect(await runAction(ctx, row, [stale])).toBe(0);
    expect((await commandsOf(stale.devId)).map((c) => c.state)).toEqual(['cancelled']);
  });
});

describe('approval', () => {
  it('needs another admin: the creator and an operator get 403', async () => {
    for (const [username, role] of [
      ['alice-admin', 'admin'],
      ['oscar-operator', 'operator'],
    ] as const) {
      const res = await server.api('POST', '/api/v1/users', {
        username,
        password: `${username}-password`,
        role,
      });
      expect(res.status).toBe(201);
    }
    const alice = await server.login('alice-admin', 'alice-admin-password');
    const oscar = await server.login('oscar-operator', 'oscar-operator-password');
    const devices = await fleet(2);
    const body = {
      name: 'Needs approval',
      devIds: devices.map((d) => d.devId),
      action: { kind: 'command', command: ['GET', LANG] },
      approval: true,
    };
    const id = await create(body);
    expect((await get(id)).state).toBe('awaiting-approval');
    expect((await verb(id, 'approve')).status).toBe(403);
    expect((await verb(id, 'approve', oscar)).status).toBe(403);
    await step();
    expect(await commandsOf(devices[0]?.devId ?? '')).toEqual([]);
    const approved = await verb(id, 'approve', alice);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({
      state: 'running',
      approvedBy: 'alice-admin',
      createdBy: 'admin',
    });

    // An operator's campaign: a draft until started, then awaiting an admin.
    const draft = await create({ ...body, start: false }, oscar);
    expect((await get(draft)).state).toBe('draft');
    expect((await verb(draft, 'start', oscar)).status).toBe(200);
    expect((await get(draft)).state).toBe('awaiting-approval');
    expect((await verb(draft, 'approve')).status).toBe(200);
  });
});

describe('preview and bulk work', () => {
  it('counts devices per verdict with reasons and samples, changing nothing', async () => {
    const devices = await fleet(4);
    const devIds = devices.map((d) => d.devId);
    // A running campaign holds DevInfo on the first device.
    const holder = await create({
      name: 'Holds DevInfo',
      devIds: devIds.slice(0, 1),
      action: { kind: 'command', command: ['GET', LANG] },
    });
    await step();
    const res = await server.api('POST', apiRoutes.campaignPreview, {
      devIds: [...devIds, 'IMEI:not-registered'],
      action: { kind: 'command', command: ['GET', `${MOIDS.devInfo}/d1/FwV`] },
    });
    expect(res.status).toBe(200);
    const preview = campaignPreviewSchema.parse(await res.json());
    expect(preview).toMatchObject({ matched: 4, busy: 1, wouldRun: 3, wouldFail: 0 });
    expect(preview.sample.filter((s) => s.verdict === 'busy').map((s) => s.devId)).toEqual([devIds[0]]);
    expect(preview.reasons).toEqual([
      { verdict: 'busy', reason: `campaign "Holds DevInfo" holds ${MOIDS.devInfo}`, count: 1 },
    ]);

    const noMo = campaignPreviewSchema.parse(
      await (
        await server.api('POST', apiRoutes.campaignPreview, {
          devIds,
          action: { kind: 'command', command: ['GET', 'urn:oma:mo:oma-lawmo:1.0/x/State'] },
        })
      ).json(),
    );
    expect(noMo).toMatchObject({ matched: 4, wouldFail: 4, wouldRun: 0 });
    expect(noMo.reasons[0]).toMatchObject({ verdict: 'would-fail', count: 4 });
    expect(noMo.sample.filter((s) => s.verdict === 'would-fail')).toHaveLength(4);
    // Nothing was queued by either preview.
    for (const devId of devIds.slice(1)) expect(await commandsOf(devId)).toEqual([]);
    expect((await verb(holder, 'cancel')).status).toBe(200);
    expect(
      (await server.api('POST', apiRoutes.campaignPreview, { query: 'Mod = ', action: { kind: 'wake' } }))
        .status,
    ).toBe(400);
  });

  it('adds and removes labels and wakes devices as one-wave campaigns', async () => {
    const devices = await fleet(3);
    const devIds = devices.map((d) => d.devId);
    const socket = await server.socket();
    const relabelled = new Map<string, string[]>();
    socket.on('device:updated', ({ device }) => relabelled.set(device.devId, device.labels));
    const res = await server.api('POST', apiRoutes.devicesBulk, {
      devIds,
      action: { kind: 'labels', add: ['blue', 'lab'] },
    });
    expect(res.status).toBe(201);
    const { id } = createdCampaignSchema.parse(await res.json());
    await step();
    await step();
    expect(await get(id)).toMatchObject({
      state: 'completed',
      bulk: true,
      counts: { ok: 3 },
      waves: [{ size: 3 }],
    });
    const listed = await server.api('GET', `/api/v1/devices?label=blue&limit=50`);
    expect(((await listed.json()) as { items: { devId: string }[] }).items.map((d) => d.devId)).toEqual(
      devIds,
    );
    // Open consoles get each device's new labels, as after a single device's edit.
    await expect.poll(() => devIds.map((d) => relabelled.get(d))).toEqual(devIds.map(() => ['blue', 'lab']));

    const removal = await server.api('POST', apiRoutes.devicesBulk, {
      devIds: devIds.slice(0, 1),
      action: { kind: 'labels', remove: ['blue'] },
    });
    await step();
    await step();
    expect((await get(createdCampaignSchema.parse(await removal.json()).id)).state).toBe('completed');
    expect((await server.store.devices.find(devIds[0] ?? ''))?.labels).toEqual(['lab']);

    const wake = await server.api('POST', apiRoutes.devicesBulk, { devIds, action: { kind: 'wake' } });
    const wakeId = createdCampaignSchema.parse(await wake.json()).id;
    await step();
    await step();
    expect(await get(wakeId)).toMatchObject({ state: 'completed', name: 'Bulk: wake', counts: { ok: 3 } });
  });
});

describe('exactly once', () => {
  it('never queues a second command for a device, however often and concurrently the step runs', async () => {
    const devices = await fleet(12);
    const id = await create({
      name: 'Concurrent steps',
      devIds: devices.map((d) => d.devId),
      action: { kind: 'command', command: ['GET', LANG] },
      waves: { canary: 4, size: 100 },
    });
    await Promise.all([step(), step(), step()]);
    await Promise.all([step(), step(), step()]);
    await Promise.all([step(), step()]);
    // Run the campaign's work as a crashed step would have left it: the same batch started again.
    const ctxRow = await server.store.campaigns.find(id);
    expect(ctxRow?.wavesPlanned).toBe(true);
    await Promise.all([step(), step()]);
    for (const device of devices.slice(0, 4)) expect(await commandsOf(device.devId)).toHaveLength(1);
    for (const device of devices.slice(4)) expect(await commandsOf(device.devId)).toEqual([]);
    const done = await drive(id, devices, (c) => c.state === 'completed');
    expect(done.counts).toMatchObject({ ok: 12 });
    for (const device of devices) expect(await commandsOf(device.devId)).toHaveLength(1);
  });
});

describe('dynamic membership', () => {
  it('adds devices registered later that match the query to the last wave', async () => {
    let offsetMs = 0;
    const own = await startTestServer({ clock: { now: () => new Date(Date.now() + offsetMs) } });
    try {
      const join = async (devId: string) => {
        await own.registerDevice(devId, SECRET);
        const device = new SimDevice({ devId, secret: SECRET, serverUrl: `${own.baseUrl}/dm` });
        expect(await device.runSession()).toMatchObject({ ok: true });
        await device.whenIdle();
        return device;
      };
      const answer = async (device: SimDevice) => {
        expect(await device.runSession()).toMatchObject({ ok: true });
        await device.whenIdle();
      };
      const first = await join('dyn-0001');
      await join('other-0001');
      const res = await own.api('POST', apiRoutes.campaigns, {
        name: 'Every dyn device',
        query: 'devId ~ "dyn-" OR label = "join"',
        action: { kind: 'command', command: ['GET', LANG] },
        dynamic: true,
      });
      const { id } = createdCampaignSchema.parse(await res.json());
      const read = async () =>
        campaignRecordSchema.parse(await (await own.api('GET', apiRoutes.campaign(id))).json());
      const ownStep = () => own.app.services.campaigns.step();
      await ownStep();
      await ownStep();
      await answer(first);
      await ownStep();
      await ownStep();
      // Every wave is done, yet a dynamic campaign keeps running.
      expect(await read()).toMatchObject({ state: 'running', counts: { ok: 1 }, waves: [{ state: 'done' }] });

      const late = await join('dyn-0002');
      await join('other-0002');
      offsetMs += 10_000;
      await ownStep();
      const grown = await read();
      expect(grown).toMatchObject({ state: 'running', counts: { ok: 1, running: 1 }, waves: [{ size: 2 }] });
      await answer(late);
      await ownStep();
      expect((await read()).counts).toMatchObject({ ok: 2, running: 0, pending: 0 });
      const other = await own.store.commands.listByDevice('other-0002', 10);
      expect(other.filter((c) => c.createdBy === 'admin')).toEqual([]);

      // A device that comes to match later (a label added) joins at the next full look (at most a
      // minute later), once.
      const labelled = await own.api('PATCH', apiRoutes.deviceLabels('other-0001'), { add: ['join'] });
      expect(labelled.status, await labelled.clone().text()).toBe(200);
      offsetMs += 60_000;
      await ownStep();
      await ownStep();
      expect(await read()).toMatchObject({ counts: { ok: 2, running: 1 }, waves: [{ size: 3 }] });
      offsetMs += 60_000;
      await ownStep();
      expect(await read()).toMatchObject({ counts: { ok: 2, running: 1 }, waves: [{ size: 3 }] });
      const joined = await own.store.commands.listByDevice('other-0001', 10);
      expect(joined.filter((c) => c.createdBy === 'admin')).toHaveLength(1);
      expect((await own.api('POST', apiRoutes.campaignVerb(id, 'cancel'))).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});

describe('a firmware campaign', () => {
  it('skips devices already at the version and updates the others through operations', async () => {
    serial += 1;
    const devices: SimDevice[] = [];
    for (const [i, fwVersion] of ['1.0.0', '1.0.0', '3.1.0', '1.0.0'].entries()) {
      const devId = `fw-campaign-${serial}-${i}`;
      await server.registerDevice(devId, SECRET);
      const device = new SimDevice({
        devId,
        secret: SECRET,
        serverUrl: `${server.baseUrl}/dm`,
        profile: { fwVersion },
      });
      expect(await device.runSession()).toMatchObject({ ok: true });
      await device.whenIdle();
      devices.push(device);
    }
    const upload = await fetch(
      `${server.baseUrl}/api/v1/artifacts?name=fw&version=3.1.0&moid=${MOIDS.fumo}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/octet-stream' },
        body: 'firmware image 3.1.0',
      },
    );
    expect(upload.status).toBe(201);
    const artifactId = ((await upload.json()) as { id: string }).id;
    const devIds = devices.map((d) => d.devId);
    const action = { kind: 'firmware-update', artifactId };

    const preview = campaignPreviewSchema.parse(
      await (await server.api('POST', apiRoutes.campaignPreview, { devIds, action })).json(),
    );
    expect(preview).toMatchObject({ matched: 4, alreadyCompliant: 1, wouldRun: 3 });
    expect(preview.sample.find((s) => s.verdict === 'compliant')).toMatchObject({ devId: devIds[2] });

    const id = await create({ name: 'Firmware 3.1.0', devIds, action, waves: { canary: 1, size: 10 } });
    await step();
    // While the campaign holds the devices' FUMO, neither a single-device update nor another
    // campaign over the same named devices may start (409); a query-based one skips them as busy.
    const single = await server.api('POST', apiRoutes.deviceFirmwareUpdates(devIds[3] ?? ''), { artifactId });
    expect(single.status).toBe(409);
    expect(await single.json()).toMatchObject({
      error: { details: { reason: 'held-by-campaign', campaignId: id, campaignName: 'Firmware 3.1.0' } },
    });
    const second = await server.api('POST', apiRoutes.campaigns, { name: 'Again', devIds, action });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({
      error: {
        details: {
          reason: 'held-by-campaign',
          count: 3,
          held: [0, 1, 3].map((i) => ({ devId: devIds[i], campaignId: id, campaignName: 'Firmware 3.1.0' })),
        },
      },
    });
    const draft = await create({ name: 'Later', devIds, action, start: false });
    expect((await verb(draft, 'start')).status).toBe(409);
    let campaign = await get(id);
    for (let round = 0; round < 40 && campaign.state !== 'completed'; round += 1) {
      await step();
      await server.app.services.operations.reconcileActive();
      for (const device of devices) {
        if ((await server.store.commands.listQueued(device.devId, new Date(), 1)).length === 0) continue;
        await device.runSession();
        await device.whenIdle();
      }
      campaign = await get(id);
    }
    expect(campaign).toMatchObject({ state: 'completed', counts: { ok: 3, skipped: 1, failed: 0 } });
    const parts = campaignDeviceListSchema.parse(
      await (await server.api('GET', apiRoutes.campaignDevices(id))).json(),
    );
    expect(parts.items.map((d) => [d.state, d.reason, d.operationId === null])).toEqual([
      ['ok', null, false],
      ['ok', null, false],
      ['skipped', 'already-compliant', true],
      ['ok', null, false],
    ]);
    for (const device of [devices[0], devices[1], devices[3]])
      expect(device?.store.getValue(MOIDS.fumo, 'fw', 'State')).toBe('100');
  });
});

describe('cancelling a firmware campaign', () => {
  it('cancels the operations the devices have not begun, with their queued commands', async () => {
    const devices = await fleet(2);
    const upload = await fetch(
      `${server.baseUrl}/api/v1/artifacts?name=fw&version=9.9.9&moid=${MOIDS.fumo}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/octet-stream' },
        body: 'firmware image 9.9.9',
      },
    );
    expect(upload.status).toBe(201);
    const artifactId = ((await upload.json()) as { id: string }).id;
    const id = await create({
      name: 'Consent first',
      devIds: devices.map((d) => d.devId),
      action: { kind: 'firmware-update', artifactId, consent: true },
    });
    await step();
    const parts = campaignDeviceListSchema.parse(
      await (await server.api('GET', apiRoutes.campaignDevices(id))).json(),
    );
    const operationIds = parts.items.map((d) => d.operationId ?? '');
    expect(parts.items.map((d) => d.state)).toEqual(['running', 'running']);
    for (const opId of operationIds)
      expect((await server.store.operations.find(opId))?.state).toBe('waiting-consent');

    expect((await verb(id, 'cancel')).status).toBe(200);
    await step();
    for (const opId of operationIds) {
      const op = await server.store.operations.find(opId);
      expect(op?.state).toBe('cancelled');
      const consent = await server.store.commands.find(op?.consentCommandId ?? '');
      expect(consent?.state).toBe('cancelled');
    }
    // The devices' next sessions carry nothing of the campaign.
    for (const device of devices)
      expect(await server.store.commands.listQueued(device.devId, new Date(), 10)).toEqual([]);
    expect((await get(id)).counts).toMatchObject({ cancelled: 2 });
  });
});

describe('the health gate', () => {
  it('holds a wave for its window and pauses when its devices raise more alerts than before', async () => {
    let offsetMs = 0;
    const now = () => new Date(Date.now() + offsetMs);
    const own = await startTestServer({ clock: { now } });
    try {
      const devices: SimDevice[] = [];
      for (const devId of ['gate-0001', 'gate-0002', 'gate-0003']) {
        await own.registerDevice(devId, SECRET);
        const device = new SimDevice({ devId, secret: SECRET, serverUrl: `${own.baseUrl}/dm` });
        expect(await device.runSession()).toMatchObject({ ok: true });
        await device.whenIdle();
        devices.push(device);
      }
      const res = await own.api('POST', apiRoutes.campaigns, {
        name: 'Gated',
        devIds: devices.map((d) => d.devId),
        action: { kind: 'command', command: ['GET', LANG] },
        waves: { canary: 1, size: 1 },
        healthGate: { windowS: 60, maxAlertRatio: 1, minAlerts: 0 },
      });
      const { id } = createdCampaignSchema.parse(await res.json());
      const read = async () =>
        campaignRecordSchema.parse(await (await own.api('GET', apiRoutes.campaign(id))).json());
      const ownStep = () => own.app.services.campaigns.step();
      const session = async (device: SimDevice | undefined) => {
        expect(await device?.runSession()).toMatchObject({ ok: true });
        await device?.whenIdle();
      };
      await ownStep();
      await session(devices[0]);
      await ownStep();
      // The canary finished: its wave is gating until the window has passed.
      let campaign = await read();
      expect(campaign.waves[0]).toMatchObject({ state: 'gating', gateReason: null });
      expect(Date.parse(campaign.waves[0]?.gateUntil ?? '')).toBeGreaterThan(now().getTime() + 50_000);
      offsetMs += 61_000;
      await ownStep();
      // No alerts before or after: promoted, and the next wave started.
      campaign = await read();
      expect(campaign.waves.map((w) => w.state)).toEqual(['done', 'running', 'pending']);

      await session(devices[1]);
      await ownStep();
      const finished = await own.store.campaignDevices.list(id, { wave: 1, limit: 1 });
      const at = new Date((finished[0]?.finishedAt ?? now()).getTime() + 1_000);
      await own.store.alerts.insert([
        {
          id: 'gate-alert-1',
          devId: devices[1]?.devId ?? '',
          sessionId: null,
          alertType: 'urn:oma:at:dm:2.0:Generic',
          sourceUri: null,
          targetUri: null,
          mark: 'critical',
          dataType: null,
          data: null,
          receivedAt: at,
          acknowledgedAt: null,
          acknowledgedBy: null,
        },
      ]);
      offsetMs += 61_000;
      await ownStep();
      campaign = await read();
      expect(campaign).toMatchObject({ state: 'paused', pausedReason: 'health-gate' });
      expect(campaign.waves[1]?.state).toBe('gating');
      expect(campaign.waves[1]?.gateReason).toMatch(/raised 1 alerts .* more than the 0 allowed/);
      expect(await own.store.commands.listByDevice(devices[2]?.devId ?? '', 10)).toSatisfy(
        (list: { createdBy: string | null }[]) => list.every((c) => c.createdBy !== 'admin'),
      );

      // Resuming accepts the held wave; the last one runs.
      expect((await own.api('POST', apiRoutes.campaignVerb(id, 'resume'))).status).toBe(200);
      await ownStep();
      await session(devices[2]);
      await ownStep();
      offsetMs += 61_000;
      await ownStep();
      await ownStep();
      expect(await read()).toMatchObject({ state: 'completed', counts: { ok: 3 } });
    } finally {
      await own.close();
    }
  });
});
