// Profile enforcement (protocol §14) over real HTTP with simulated devices, on the store a caller
// opens (SQLite or PostgreSQL): a device reaches verified in one session, drift is corrected up to
// its cap, the dry run and the device refuse writes with their reasons, conflicts resolve by
// priority and are shown, a running campaign's command on the node makes the profile wait.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOIDS, SimDevice, type SimDeviceOptions } from '@dmc/sim';
import type { ProfileCountsEvent, ProfileDeviceStateEvent } from '@dmc/shared/events';
import type { MoMetadata } from '@dmc/shared/metadata';
import { apiRoutes, createdCampaignSchema, type DeviceProfiles } from '@dmc/shared/api';
import type { CommandRow, ProfileDeviceRow, ProfileRow, Store } from '../../src/persistence/ports';
import { createMembershipSweep } from '../../src/domain/profiles/membership-sweep';
import { startAppWith, type InProcessApp } from './cluster-support';

export const PKG_URL = `${MOIDS.fumo}/fw/DownloadAndUpdate/PkgURL`;
const MOD = `${MOIDS.devInfo}/d1/Mod`;
const LOCK_MOID = 'urn:acme:mo:lock:1.0';
const LOCKED = `${LOCK_MOID}/l1/Locked`;
const SECRET = 'sim-device-secret-0123456789';

/** A vendor MO the device knows (Locked is read-only) and the server has no meta-data of. */
const LOCK_METADATA: MoMetadata = {
  MOID: LOCK_MOID,
  Root: 'Lock',
  Nodes: {
    '': { Format: 'node', Occurrence: 'One', Scope: 'Permanent', AccessType: ['Get'] },
    Locked: { Format: 'chr', Occurrence: 'One', Scope: 'Permanent', AccessType: ['Get'] },
  },
};

export interface ProfileFixture {
  app: InProcessApp;
  store: Store;
  /** A registered device that had its first session (inventory read). */
  device(options?: Partial<SimDeviceOptions>): Promise<SimDevice>;
  addProfile(fields: Partial<ProfileRow> & { nodes: ProfileRow['nodes'] }): Promise<ProfileRow>;
  stateOf(profileId: string, devId: string): Promise<ProfileDeviceRow | undefined>;
  session(device: SimDevice): Promise<void>;
  commandsOf(devId: string, name?: string): Promise<CommandRow[]>;
}

export function profileFixture(app: InProcessApp, store: Store, tag: string): ProfileFixture {
  let serial = 0;
  return {
    app,
    store,
    async device(options = {}) {
      serial += 1;
      const devId = `IMEI:${tag}${String(serial).padStart(6, '0')}`;
      await app.app.services.devices.register({ devId, secret: SECRET });
      const device = new SimDevice({ devId, secret: SECRET, serverUrl: `${app.url}/dm`, ...options });
      expect(await device.runSession()).toMatchObject({ ok: true });
      await device.whenIdle();
      return device;
    },
    async addProfile(fields) {
      const now = new Date();
      const row: ProfileRow = {
        id: randomUUID(),
        name: `profile ${randomUUID()}`,
        query: '',
        priority: 0,
        execs: [],
        enabled: true,
        driftRetries: 3,
        revision: 1,
        createdBy: 'admin',
        createdAt: now,
        updatedAt: now,
        ...fields,
      };
      expect(await store.profiles.create(row)).toBe(true);
      app.app.services.profileCache.invalidate();
      return row;
    },
    async stateOf(profileId, devId) {
      return (await store.profiles.deviceStates(devId)).find((s) => s.profileId === profileId);
    },
    async session(device) {
      expect(await device.runSession()).toMatchObject({ ok: true });
      await device.whenIdle();
    },
    async commandsOf(devId, name) {
      const rows = (await store.commands.listByDevice(devId, 200)).reverse();
      return name === undefined ? rows : rows.filter((c) => c.command[0] === name);
    },
  };
}

export function describeProfileEnforcement(
  engine: string,
  open: () => Promise<{ store: Store; close(): Promise<void> }>,
) {
  describe(`${engine}: profile enforcement at DM sessions`, () => {
    let opened: { store: Store; close(): Promise<void> };
    let app: InProcessApp;
    let f: ProfileFixture;

    beforeAll(async () => {
      opened = await open();
      app = await startAppWith(opened.store);
      f = profileFixture(app, opened.store, engine === 'sqlite' ? '41' : '42');
    });
    afterAll(async () => {
      await app.close();
      await opened.close();
    });

    const only = (device: SimDevice) => `devId = "${device.devId}"`;

    it('a matching device is written and read back in one session, then verified; the console hears it', async () => {
      const device = await f.device();
      const socket = await app.socket();
      expect(await socket.emitWithAck('device:watch', { devId: device.devId })).toMatchObject({ ok: true });
      const heard: ProfileDeviceStateEvent[] = [];
      socket.on('profile:device-state', (e) => heard.push(e));
      const profile = await f.addProfile({
        query: only(device),
        nodes: [{ uri: PKG_URL, value: 'http://a.example/1' }],
      });
      await f.session(device);
      expect(device.store.getValue(MOIDS.fumo, 'fw', 'DownloadAndUpdate/PkgURL')).toBe('http://a.example/1');
      const state = await f.stateOf(profile.id, device.devId);
      expect(state).toMatchObject({ status: 'verified', reason: null, revision: 1 });
      expect(state?.nodes[0]).toMatchObject({ state: 'verified', driftWrites: 0 });
      const [write, ...moreWrites] = await f.commandsOf(device.devId, 'HGET');
      const reads = (await f.commandsOf(device.devId, 'GET')).filter((c) => c.command[1] === PKG_URL);
      expect(moreWrites).toEqual([]);
      expect(reads).toHaveLength(1);
      // Write and read-back went in the same session, and each once.
      expect(write).toMatchObject({ state: 'ok', deliveries: 1 });
      expect(reads[0]).toMatchObject({ state: 'ok', deliveries: 1, sessionId: write?.sessionId });
      await expect.poll(() => heard.at(-1)?.profileState.status, { timeout: 10_000 }).toBe('verified');
      expect(heard.at(-1)?.profileState).toMatchObject({ profileId: profile.id, profileName: profile.name });
      // Steady state: the next session sends nothing and changes nothing.
      await f.session(device);
      expect(await f.commandsOf(device.devId, 'HGET')).toHaveLength(1);
      expect((await f.stateOf(profile.id, device.devId))?.updatedAt).toEqual(state?.updatedAt);
    });

    it('a profile created through the API is enforced at the next session; device page and counts follow', async () => {
      const device = await f.device();
      const socket = await app.socket();
      const counts: ProfileCountsEvent[] = [];
      socket.on('profile:counts', (e) => counts.push(e));
      const res = await app.api('POST', '/api/v1/profiles', {
        name: `api ${device.devId}`,
        query: only(device),
        nodes: [{ uri: PKG_URL, value: 'http://api.example/fw' }],
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const { id } = (await res.json()) as { id: string };
      // The service told this instance's cache: no wait for it to age.
      await f.session(device);
      const page = await app.api('GET', `/api/v1/devices/${encodeURIComponent(device.devId)}/profiles`);
      expect(page.status).toBe(200);
      expect(((await page.json()) as DeviceProfiles).items).toEqual([
        expect.objectContaining({ profileId: id, profileName: `api ${device.devId}`, status: 'verified' }),
      ]);
      await expect
        .poll(() => counts.filter((e) => e.id === id).at(-1)?.counts, { timeout: 10_000 })
        .toEqual({ verified: 1, pending: 0, failed: 0, conflicted: 0 });
    });

    it('EXECs run once, in the session after the nodes are verified', async () => {
      const device = await f.device();
      const enable = `${MOIDS.dcmo}/Camera/Operations/Enable`;
      const profile = await f.addProfile({
        query: only(device),
        nodes: [{ uri: PKG_URL, value: 'http://exec.example/fw' }],
        execs: [{ uri: enable }],
      });
      await f.session(device);
      expect(await f.stateOf(profile.id, device.devId)).toMatchObject({
        status: 'pending',
        reason: `EXEC ${enable}: waiting for the device's next session`,
      });
      expect(await f.commandsOf(device.devId, 'EXEC')).toEqual([]);
      await f.session(device);
      const [exec, ...more] = await f.commandsOf(device.devId, 'EXEC');
      expect(more).toEqual([]);
      expect(exec).toMatchObject({ state: 'ok' });
      // The EXEC is asynchronous: its outcome came in a job session, which folded it in.
      expect((await f.stateOf(profile.id, device.devId))?.status).toBe('verified');
      expect((await f.stateOf(profile.id, device.devId))?.execs).toEqual([
        expect.objectContaining({ uri: enable, state: 'done', commandId: exec?.id }),
      ]);
      await f.session(device);
      expect(await f.commandsOf(device.devId, 'EXEC')).toHaveLength(1);
    });

    it('drift is written again and counted, up to the cap, then failed drift-retries', async () => {
      const device = await f.device();
      const profile = await f.addProfile({
        query: only(device),
        driftRetries: 1,
        nodes: [{ uri: PKG_URL, value: 'http://b.example/ok' }],
      });
      await f.session(device);
      expect((await f.stateOf(profile.id, device.devId))?.status).toBe('verified');
      for (const round of [1, 2]) {
        device.store.setValue(MOIDS.fumo, 'fw', 'DownloadAndUpdate/PkgURL', `http://evil.example/${round}`);
        // The server learns of the drift when the node is read (here by a console GET).
        await app.app.services.commands.queue(device.devId, { command: ['GET', PKG_URL] });
        await f.session(device);
        await f.session(device);
        const state = await f.stateOf(profile.id, device.devId);
        if (round === 1) {
          expect(state).toMatchObject({ status: 'verified' });
          expect(state?.nodes[0]).toMatchObject({ state: 'verified', driftWrites: 1 });
          expect(device.store.getValue(MOIDS.fumo, 'fw', 'DownloadAndUpdate/PkgURL')).toBe(
            'http://b.example/ok',
          );
        } else {
          expect(state?.status).toBe('failed');
          expect(state?.reason).toMatch(/drift-retries/);
          expect(state?.nodes[0]).toMatchObject({ state: 'failed', driftWrites: 1 });
        }
      }
      // One write at first, one after the first drift; none after the cap.
      expect(await f.commandsOf(device.devId, 'HGET')).toHaveLength(2);
    });

    it('a device that left and matches again is written again in its new membership, then verified', async () => {
      const device = await f.device();
      const { devices, commands, notifications } = app.app.services;
      const sweep = createMembershipSweep(f.store, {
        clock: { now: () => new Date() },
        notifications,
        counts: { changed: () => undefined, settled: () => Promise.resolve() },
        onError: (err) => {
          throw err;
        },
      });
      await devices.replaceLabels(device.devId, ['epoch']);
      const profile = await f.addProfile({
        query: `label = "epoch" AND ${only(device)}`,
        nodes: [{ uri: PKG_URL, value: 'http://epoch.example/fw' }],
      });
      await f.session(device);
      const first = await f.stateOf(profile.id, device.devId);
      expect(first?.status).toBe('verified');
      // It no longer matches: the sweep removes its state.
      await devices.replaceLabels(device.devId, []);
      expect(await sweep.sweepProfile(profile.id)).toMatchObject({ removed: 1 });
      expect(await f.stateOf(profile.id, device.devId)).toBeUndefined();
      // Meanwhile its value changes, and the server reads it.
      device.store.setValue(MOIDS.fumo, 'fw', 'DownloadAndUpdate/PkgURL', 'http://other.example/fw');
      await commands.queue(device.devId, { command: ['GET', PKG_URL] });
      await f.session(device);
      // It matches again at the same revision: a new membership, whose commands are new.
      await devices.replaceLabels(device.devId, ['epoch']);
      await f.session(device);
      expect(device.store.getValue(MOIDS.fumo, 'fw', 'DownloadAndUpdate/PkgURL')).toBe(
        'http://epoch.example/fw',
      );
      const again = await f.stateOf(profile.id, device.devId);
      expect(again).toMatchObject({ status: 'verified', reason: null, revision: 1 });
      expect(again?.since.getTime()).toBeGreaterThan(first?.since.getTime() ?? Infinity);
      const writes = await f.commandsOf(device.devId, 'HGET');
      expect(writes).toHaveLength(2);
      expect(writes[1]).toMatchObject({ state: 'ok' });
      expect(writes[1]?.id).not.toBe(writes[0]?.id);
      const reads = (await f.commandsOf(device.devId, 'GET')).filter(
        (c) => c.id === again?.nodes[0]?.commandId,
      );
      expect(reads).toEqual([expect.objectContaining({ state: 'ok', sessionId: writes[1]?.sessionId })]);
    });

    it('a write the dry run refuses is failed with its reason and nothing is sent', async () => {
      const device = await f.device();
      const profile = await f.addProfile({ query: only(device), nodes: [{ uri: MOD, value: 'Other' }] });
      await f.session(device);
      const state = await f.stateOf(profile.id, device.devId);
      expect(state?.status).toBe('failed');
      expect(state?.reason).toBe(
        `${MOD}: the dry run refuses the write: DevInfo/Mod allows only Get; writing it needs Replace`,
      );
      expect(await f.commandsOf(device.devId, 'HGET')).toEqual([]);
    });

    it('a write the device refuses is failed with the DM status and its meaning', async () => {
      const device = await f.device({ metadata: [LOCK_METADATA] });
      device.store.addInstance(LOCK_MOID, 'l1', { Locked: 'no' });
      await f.session(device);
      const profile = await f.addProfile({ query: only(device), nodes: [{ uri: LOCKED, value: 'yes' }] });
      await f.session(device);
      const state = await f.stateOf(profile.id, device.devId);
      expect(state?.status).toBe('failed');
      expect(state?.nodes[0]).toMatchObject({ state: 'failed', sc: 405 });
      expect(state?.reason).toMatch(
        /^urn:acme:mo:lock:1\.0\/l1\/Locked: the device answered 405 \(Not allowed: /,
      );
      expect(device.store.getValue(LOCK_MOID, 'l1', 'Locked')).toBe('no');
    });

    it('two conflicting profiles: the higher priority wins, the other is conflicted naming it', async () => {
      const device = await f.device();
      const low = await f.addProfile({
        query: only(device),
        priority: 1,
        nodes: [{ uri: PKG_URL, value: 'http://low' }],
      });
      const high = await f.addProfile({
        name: `winner ${device.devId}`,
        query: only(device),
        priority: 10,
        nodes: [{ uri: PKG_URL, value: 'http://high' }],
      });
      await f.session(device);
      expect(device.store.getValue(MOIDS.fumo, 'fw', 'DownloadAndUpdate/PkgURL')).toBe('http://high');
      expect((await f.stateOf(high.id, device.devId))?.status).toBe('verified');
      expect(await f.stateOf(low.id, device.devId)).toMatchObject({
        status: 'conflicted',
        reason: `${PKG_URL} is held by profile 'winner ${device.devId}' (priority 10), which sets it to 'http://high'`,
      });
      expect(await f.commandsOf(device.devId, 'HGET')).toHaveLength(1);
    });

    it("a running campaign's command on the node makes the profile wait and say so", async () => {
      const device = await f.device();
      const created = await app.api('POST', apiRoutes.campaigns, {
        name: `read ${device.devId}`,
        devIds: [device.devId],
        action: { kind: 'command', command: ['GET', PKG_URL] },
      });
      expect(created.status, await created.clone().text()).toBe(201);
      const { id } = createdCampaignSchema.parse(await created.json());
      for (let i = 0; i < 3; i += 1) await app.app.services.campaigns.step();
      expect(await f.commandsOf(device.devId, 'GET')).toContainEqual(
        expect.objectContaining({ command: ['GET', PKG_URL], state: 'queued' }),
      );
      const profile = await f.addProfile({
        query: only(device),
        nodes: [{ uri: PKG_URL, value: 'http://c.example' }],
      });
      await f.session(device);
      expect(await f.stateOf(profile.id, device.devId)).toMatchObject({
        status: 'pending',
        reason: `${PKG_URL}: waiting for campaign 'read ${device.devId}'`,
      });
      expect(await f.commandsOf(device.devId, 'HGET')).toEqual([]);
      // The campaign's command is done; once the campaign has followed it, the profile writes.
      await expect
        .poll(
          async () => {
            await app.app.services.campaigns.step();
            const res = await app.api('GET', apiRoutes.campaign(id));
            return ((await res.json()) as { counts: { ok: number } }).counts.ok;
          },
          { timeout: 10_000 },
        )
        .toBe(1);
      await f.session(device);
      expect((await f.stateOf(profile.id, device.devId))?.status).toBe('verified');
    });
  });
}
