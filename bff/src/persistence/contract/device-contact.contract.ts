// The DM path's combined reads: DeviceRepository.findForAdmission (the device gate) and
// DeviceRepository.contact (the lock, the contact and what a package decides on, in one statement).
import { describe, expect, it } from 'vitest';
import type { NotificationRow } from '../ports';
import { at, makeCommand, makeDevice, makeSession, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function notification(id: string, devId: string, state: NotificationRow['state']): NotificationRow {
  return {
    id,
    devId,
    notificationId: 7,
    state,
    reason: 'queued-work',
    attempts: 0,
    lastError: null,
    nextAttemptAt: at(0),
    deadline: at(600_000),
    createdAt: at(0),
    updatedAt: at(0),
    answeredAt: null,
    sessionId: null,
  };
}

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

    it('records the contact and returns the locked row; an unknown device changes nothing', async () => {
      await store().devices.create(makeDevice('d1', { lastSeenAt: null }));
      const contact = await store().transaction((repos) => repos.devices.contact('d1', at(5000)));
      expect(contact).toMatchObject({
        device: { devId: 'd1', lastSeenAt: at(5000) },
        openSessionId: null,
        sessionVersion: null,
        hasQueued: false,
        hasOpenNotification: false,
        instances: undefined,
      });
      expect((await store().devices.find('d1'))?.lastSeenAt).toEqual(at(5000));
      expect(await store().transaction((repos) => repos.devices.contact('nobody', at(5000)))).toBeUndefined();
    });

    it('names the newest open session and the probed session’s version while it is open', async () => {
      await store().devices.create(makeDevice('d1'));
      await store().devices.create(makeDevice('d2'));
      await store().sessions.create(makeSession('old', 'd1', { startedAt: at(0) }));
      await store().sessions.create(makeSession('new', 'd1', { startedAt: at(10), version: 3 }));
      await store().sessions.create(makeSession('done', 'd1', { startedAt: at(20), status: 'completed' }));
      await store().sessions.create(makeSession('other', 'd2', { startedAt: at(30) }));
      const read = (sessionId?: string) =>
        store().devices.contact('d1', at(100), sessionId === undefined ? {} : { sessionId });
      expect(await read()).toMatchObject({ openSessionId: 'new', sessionVersion: null });
      expect(await read('new')).toMatchObject({ openSessionId: 'new', sessionVersion: 3 });
      // Closed, or another device's: no version.
      expect(await read('done')).toMatchObject({ sessionVersion: null });
      expect(await read('other')).toMatchObject({ sessionVersion: null });
    });

    it('says whether unexpired queued commands and a waiting notification exist', async () => {
      await store().devices.create(makeDevice('d1'));
      await store().commands.enqueue(makeCommand('sent', 'd1', { state: 'sent' }));
      await store().commands.enqueue(makeCommand('expired', 'd1', { expiresAt: at(50) }));
      await store().notifications.create(notification('answered', 'd1', 'answered'));
      expect(await store().devices.contact('d1', at(100))).toMatchObject({
        hasQueued: false,
        hasOpenNotification: false,
      });
      // Unexpired at the contact's time (the same bound as listQueued).
      expect(await store().devices.contact('d1', at(50))).toMatchObject({ hasQueued: true });
      await store().commands.enqueue(makeCommand('due', 'd1', { expiresAt: null }));
      await store().notifications.create(notification('waiting', 'd1', 'sent'));
      expect(await store().devices.contact('d1', at(100))).toMatchObject({
        hasQueued: true,
        hasOpenNotification: true,
      });
    });

    it('returns the MO instances in order when asked', async () => {
      await store().devices.create(makeDevice('d1'));
      expect((await store().devices.contact('d1', at(1), { withInstances: true }))?.instances).toEqual([]);
      const instances = [
        { moid: 'urn:oma:mo:oma-scomo:1.0', miid: 'b', ddf: 'https://example.com/ddf' },
        { moid: 'urn:oma:mo:oma-dm-devinfo:1.0', miid: 'd1', ddf: null },
        { moid: 'urn:oma:mo:oma-scomo:1.0', miid: 'a', ddf: null },
      ];
      await store().tree.replaceInstances('d1', instances);
      const read = await store().devices.contact('d1', at(2), { withInstances: true });
      expect(read?.instances).toEqual([instances[1], instances[2], instances[0]]);
    });
  });
}
