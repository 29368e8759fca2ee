import { describe, expect, it } from 'vitest';
import type { NotificationRow } from '../ports';
import { at, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function notification(id: string, devId: string, overrides: Partial<NotificationRow> = {}): NotificationRow {
  return {
    id,
    devId,
    notificationId: 1,
    state: 'pending',
    reason: 'manual',
    attempts: 0,
    lastError: null,
    nextAttemptAt: at(0),
    deadline: at(600_000),
    createdAt: at(0),
    updatedAt: at(0),
    answeredAt: null,
    sessionId: null,
    ...overrides,
  };
}

export function describeNotificationRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: NotificationRepository`, () => {
    const store = useFreshStore(open);
    const seedDevices = async (...devIds: string[]): Promise<void> => {
      for (const devId of devIds) await store().devices.create(makeDevice(devId));
    };

    it('creates and finds a notification with every field', async () => {
      await seedDevices('d1');
      const full: NotificationRow = {
        id: 'n1',
        devId: 'd1',
        notificationId: 65_535,
        state: 'answered',
        reason: 'queued-work',
        attempts: 4,
        lastError: 'push endpoint answered 503',
        nextAttemptAt: at(30_000),
        deadline: at(900_000),
        createdAt: at(5),
        updatedAt: at(40_000),
        answeredAt: at(41_000),
        sessionId: 's1',
      };
      await store().notifications.create(full);
      await store().notifications.create(notification('n2', 'd1', { nextAttemptAt: null }));
      expect(await store().notifications.find('n1')).toEqual(full);
      expect(await store().notifications.find('n2')).toEqual(
        notification('n2', 'd1', { nextAttemptAt: null }),
      );
      expect(await store().notifications.find('nope')).toBeUndefined();
    });

    it('findOpen ignores answered, failed and expired ones and picks the newest open one', async () => {
      await seedDevices('d1', 'd2');
      const { notifications } = store();
      await notifications.create(notification('answered', 'd1', { state: 'answered', createdAt: at(50) }));
      await notifications.create(notification('failed', 'd1', { state: 'failed', createdAt: at(60) }));
      await notifications.create(notification('expired', 'd1', { state: 'expired', createdAt: at(70) }));
      expect(await notifications.findOpen('d1')).toBeUndefined();
      await notifications.create(notification('old-pending', 'd1', { createdAt: at(10) }));
      await notifications.create(notification('sent', 'd1', { state: 'sent', createdAt: at(20) }));
      await notifications.create(notification('other', 'd2', { createdAt: at(90) }));
      expect((await notifications.findOpen('d1'))?.id).toBe('sent');
      expect((await notifications.findOpen('d2'))?.id).toBe('other');
      expect(await notifications.findOpen('none')).toBeUndefined();
    });

    it('listByDevice lists a device’s notifications newest first, up to limit', async () => {
      await seedDevices('d1', 'd2');
      const { notifications } = store();
      for (const [id, created] of [
        ['a', 1],
        ['b', 3],
        ['c', 2],
      ] as const) {
        await notifications.create(notification(id, 'd1', { createdAt: at(created), state: 'answered' }));
      }
      await notifications.create(notification('other', 'd2', { createdAt: at(9) }));
      expect((await notifications.listByDevice('d1', 10)).map((n) => n.id)).toEqual(['b', 'c', 'a']);
      expect((await notifications.listByDevice('d1', 2)).map((n) => n.id)).toEqual(['b', 'c']);
      expect(await notifications.listByDevice('none', 10)).toEqual([]);
    });

    it('listDue returns open notifications due at or before now, by nextAttemptAt then id', async () => {
      await seedDevices('d1', 'd2', 'd3');
      const { notifications } = store();
      await notifications.create(notification('p-now', 'd1', { nextAttemptAt: at(100) }));
      await notifications.create(notification('p-later', 'd1', { nextAttemptAt: at(101) }));
      await notifications.create(notification('s-early', 'd2', { state: 'sent', nextAttemptAt: at(40) }));
      await notifications.create(notification('b-tie', 'd2', { nextAttemptAt: at(70) }));
      await notifications.create(notification('a-tie', 'd3', { nextAttemptAt: at(70) }));
      await notifications.create(notification('s-later', 'd3', { state: 'sent', nextAttemptAt: at(500) }));
      await notifications.create(notification('unscheduled', 'd3', { nextAttemptAt: null }));
      for (const state of ['answered', 'failed', 'expired'] as const) {
        await notifications.create(notification(state, 'd1', { state, nextAttemptAt: at(1) }));
      }
      expect((await notifications.listDue(at(100), 10)).map((n) => n.id)).toEqual([
        's-early',
        'a-tie',
        'b-tie',
        'p-now',
      ]);
      expect((await notifications.listDue(at(100), 2)).map((n) => n.id)).toEqual(['s-early', 'a-tie']);
      expect(await notifications.listDue(at(39), 10)).toEqual([]);
    });

    it('update writes the row once per expected state and attempts', async () => {
      await seedDevices('d1');
      const { notifications } = store();
      const created = notification('n1', 'd1');
      await notifications.create(created);
      const expected = { state: created.state, attempts: created.attempts };
      const sent: NotificationRow = {
        ...created,
        state: 'sent',
        attempts: 1,
        nextAttemptAt: at(60_000),
        updatedAt: at(10),
      };
      const failedAttempt: NotificationRow = {
        ...created,
        attempts: 1,
        lastError: 'timeout',
        nextAttemptAt: at(5_000),
        updatedAt: at(11),
      };
      expect(await notifications.update(sent, expected)).toBe(true);
      expect(await notifications.update(failedAttempt, expected)).toBe(false);
      expect(await notifications.find('n1')).toEqual(sent);
      const answered: NotificationRow = {
        ...sent,
        state: 'answered',
        nextAttemptAt: null,
        answeredAt: at(20),
        sessionId: 's1',
        updatedAt: at(20),
      };
      expect(await notifications.update(answered, { state: 'sent', attempts: 0 })).toBe(false);
      expect(await notifications.update(answered, { state: 'pending', attempts: 1 })).toBe(false);
      expect(await notifications.update(answered, { state: 'sent', attempts: 1 })).toBe(true);
      expect(await notifications.find('n1')).toEqual(answered);
      expect(
        await notifications.update(notification('missing', 'd1'), { state: 'pending', attempts: 0 }),
      ).toBe(false);
    });

    it('concurrent updates from the same expected state: exactly one wins', async () => {
      await seedDevices('d1');
      const { notifications } = store();
      const created = notification('n1', 'd1');
      await notifications.create(created);
      const writes = [1, 2, 3, 4].map((n): NotificationRow => ({
        ...created,
        attempts: 1,
        lastError: `writer ${n}`,
        updatedAt: at(n),
      }));
      const results = await Promise.all(
        writes.map((row) => notifications.update(row, { state: 'pending', attempts: 0 })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = writes[results.indexOf(true)];
      expect(await notifications.find('n1')).toEqual(winner);
    });

    it('removing the device removes its notifications', async () => {
      await seedDevices('d1', 'd2');
      await store().notifications.create(notification('n1', 'd1'));
      await store().notifications.create(notification('n2', 'd2'));
      expect(await store().devices.remove('d1')).toBe(true);
      expect(await store().notifications.find('n1')).toBeUndefined();
      expect(await store().notifications.listByDevice('d1', 10)).toEqual([]);
      expect(await store().notifications.find('n2')).toBeDefined();
    });
  });
}
