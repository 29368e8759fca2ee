// The DM path's combined reads: DeviceRepository.findForAdmission (the device gate) and
// DeviceRepository.contact (the lock, the contact and what a package decides on, in one statement).
import { describe, expect, it } from 'vitest';
import { at, makeCommand, makeDevice, makeNotification, makeSession, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

const LIMIT = { queuedLimit: 20 };

export function describeDeviceContactContract(name: string, open: OpenStore): void {
  describe(`${name}: DeviceRepository contact and admission`, () => {
    const store = useFreshStore(open);

    it('reads the device beside its failure counter, and neither for an unknown DevID', async () => {
      const device = makeDevice('d1');
      await store().devices.create(device);
      expect(await store().devices.findForAdmission('d1')).toEqual({ device, failures: undefined });
      await store().authFailures.add('device', 'd1', at(1000), at(0));
      await store().authFailures.add('device', 'd1', at(2000), at(0));
      // A counter of another scope is not the device's.
      await store().authFailures.add('user', 'd1', at(2000), at(0));
      expect(await store().devices.findForAdmission('d1')).toEqual({
        device,
        failures: { failures: 2, windowStart: at(1000) },
      });
      expect(await store().devices.findForAdmission('nobody')).toEqual({
        device: undefined,
        failures: undefined,
      });
    });

    it('reads a session by its token beside its device and the device’s failure counter', async () => {
      const device = makeDevice('d1');
      await store().devices.create(device);
      const session = makeSession('s1', 'd1', { state: { kind: 'awaiting-status', n: [1] } });
      await store().sessions.create(session);
      expect(await store().sessions.findByTokenForAdmission('token-s1')).toEqual({
        session,
        admission: { device, failures: undefined },
      });
      await store().authFailures.add('device', 'd1', at(1000), at(0));
      expect(await store().sessions.findByTokenForAdmission('token-s1')).toEqual({
        session,
        admission: { device, failures: { failures: 1, windowStart: at(1000) } },
      });
      expect(await store().sessions.findByTokenForAdmission('nope')).toBeUndefined();
      // Removing the device removes its sessions.
      await store().devices.remove('d1');
      expect(await store().sessions.findByTokenForAdmission('token-s1')).toBeUndefined();
    });

    it('records the contact and returns the locked row; an unknown device changes nothing', async () => {
      await store().devices.create(makeDevice('d1', { lastSeenAt: null }));
      const contact = await store().transaction((repos) => repos.devices.contact('d1', at(5000), LIMIT));
      expect(contact).toMatchObject({
        device: { devId: 'd1', lastSeenAt: at(5000) },
        openSessionId: null,
        sessionVersion: null,
        queued: [],
        hasOpenNotification: false,
        instances: undefined,
      });
      expect((await store().devices.find('d1'))?.lastSeenAt).toEqual(at(5000));
      expect(
        await store().transaction((repos) => repos.devices.contact('nobody', at(5000), LIMIT)),
      ).toBeUndefined();
    });

    it('names the newest open session and the probed session’s version while it is open', async () => {
      await store().devices.create(makeDevice('d1'));
      await store().devices.create(makeDevice('d2'));
      await store().sessions.create(makeSession('old', 'd1', { startedAt: at(0) }));
      await store().sessions.create(makeSession('new', 'd1', { startedAt: at(10), version: 3 }));
      await store().sessions.create(makeSession('done', 'd1', { startedAt: at(20), status: 'completed' }));
      await store().sessions.create(makeSession('other', 'd2', { startedAt: at(30) }));
      const read = (sessionId?: string) =>
        store().devices.contact('d1', at(100), sessionId === undefined ? LIMIT : { ...LIMIT, sessionId });
      expect(await read()).toMatchObject({ openSessionId: 'new', sessionVersion: null });
      expect(await read('new')).toMatchObject({ openSessionId: 'new', sessionVersion: 3 });
      // Closed, or another device's: no version.
      expect(await read('done')).toMatchObject({ sessionVersion: null });
      expect(await read('other')).toMatchObject({ sessionVersion: null });
    });

    it('returns the unexpired queued commands in queue order, up to the limit', async () => {
      await store().devices.create(makeDevice('d1'));
      await store().devices.create(makeDevice('d2'));
      await store().commands.enqueue(makeCommand('sent', 'd1', { state: 'sent' }));
      await store().commands.enqueue(makeCommand('expired', 'd1', { expiresAt: at(50) }));
      await store().commands.enqueue(makeCommand('other', 'd2'));
      const queued = async (atMs: number, queuedLimit = 10) =>
        (await store().devices.contact('d1', at(atMs), { queuedLimit }))?.queued;
      expect(await queued(100)).toEqual([]);
      // Unexpired at the contact's time (the same bound as listQueued).
      expect(await queued(50)).toEqual([{ id: 'expired', command: ['GET', '/DevInfo/Mod'] }]);
      await store().commands.enqueue(makeCommand('a', 'd1', { command: ['GET', 'urn:x/"quoted"'] }));
      await store().commands.enqueue(makeCommand('b', 'd1', { command: ['EXEC', 'urn:x/e', 'arg'] }));
      await store().commands.enqueue(makeCommand('c', 'd1'));
      expect(await queued(100)).toEqual([
        { id: 'a', command: ['GET', 'urn:x/"quoted"'] },
        { id: 'b', command: ['EXEC', 'urn:x/e', 'arg'] },
        { id: 'c', command: ['GET', '/DevInfo/Mod'] },
      ]);
      expect((await queued(100, 2))?.map((c) => c.id)).toEqual(['a', 'b']);
      expect(await queued(100, 0)).toEqual([]);
      const listed = await store().commands.listQueued('d1', at(100), 10);
      expect(listed.map((c) => ({ id: c.id, command: c.command }))).toEqual(await queued(100));
    });

    it('says whether a notification waits for a session', async () => {
      await store().devices.create(makeDevice('d1'));
      await store().notifications.create(makeNotification('answered', 'd1', { state: 'answered' }));
      expect(await store().devices.contact('d1', at(100), LIMIT)).toMatchObject({
        hasOpenNotification: false,
      });
      await store().notifications.create(makeNotification('waiting', 'd1', { state: 'sent' }));
      expect(await store().devices.contact('d1', at(100), LIMIT)).toMatchObject({
        hasOpenNotification: true,
      });
    });

    it('returns the MO instances in order when asked', async () => {
      await store().devices.create(makeDevice('d1'));
      expect(
        (await store().devices.contact('d1', at(1), { ...LIMIT, withInstances: true }))?.instances,
      ).toEqual([]);
      const instances = [
        { moid: 'urn:oma:mo:oma-scomo:1.0', miid: 'b', ddf: 'https://example.com/ddf' },
        { moid: 'urn:oma:mo:oma-dm-devinfo:1.0', miid: 'd1', ddf: null },
        { moid: 'urn:oma:mo:oma-scomo:1.0', miid: 'a', ddf: null },
      ];
      await store().tree.replaceInstances('d1', instances);
      const read = await store().devices.contact('d1', at(2), { ...LIMIT, withInstances: true });
      expect(read?.instances).toEqual([instances[1], instances[2], instances[0]]);
    });
  });
}
