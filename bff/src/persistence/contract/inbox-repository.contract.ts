import { describe, expect, it } from 'vitest';
import type { InboxRow } from '../ports';
import { at, makeCommand, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function inbox(token: string, devId: string, overrides: Partial<InboxRow> = {}): InboxRow {
  return {
    token,
    devId,
    commandId: null,
    kind: 'HPUT',
    clientUri: null,
    createdAt: at(0),
    expiresAt: null,
    uploads: 0,
    lastUploadAt: null,
    ...overrides,
  };
}

export function describeInboxRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: InboxRepository`, () => {
    const store = useFreshStore(open);

    it('creates and finds an inbox with every field', async () => {
      await store().devices.create(makeDevice('d1'));
      const full: InboxRow = {
        token: 't1',
        devId: 'd1',
        commandId: 'c1',
        kind: 'SUB',
        clientUri: '/FUMO/1/State',
        createdAt: at(5),
        expiresAt: at(60_000),
        uploads: 3,
        lastUploadAt: at(7),
      };
      await store().inboxes.create(full);
      await store().inboxes.create(inbox('t2', 'd1'));
      expect(await store().inboxes.find('t1')).toEqual(full);
      expect(await store().inboxes.find('t2')).toEqual(inbox('t2', 'd1'));
      expect(await store().inboxes.find('nope')).toBeUndefined();
    });

    it('recordUpload counts each upload and keeps the latest time', async () => {
      await store().devices.create(makeDevice('d1'));
      const { inboxes } = store();
      await inboxes.create(inbox('t1', 'd1', { kind: 'HPOST' }));
      await inboxes.create(inbox('t2', 'd1'));
      await inboxes.recordUpload('t1', at(10));
      await inboxes.recordUpload('t1', at(20));
      expect(await inboxes.find('t1')).toMatchObject({ uploads: 2, lastUploadAt: at(20) });
      expect(await inboxes.find('t2')).toMatchObject({ uploads: 0, lastUploadAt: null });
      await expect(inboxes.recordUpload('nope', at(30))).resolves.toBeUndefined();
    });

    it('concurrent uploads all count', async () => {
      await store().devices.create(makeDevice('d1'));
      const { inboxes } = store();
      await inboxes.create(inbox('t1', 'd1'));
      await Promise.all([1, 2, 3, 4, 5].map((n) => inboxes.recordUpload('t1', at(n))));
      expect((await inboxes.find('t1'))?.uploads).toBe(5);
    });

    it('listByDevice lists only that device’s inboxes, oldest first', async () => {
      await store().devices.create(makeDevice('d1'));
      await store().devices.create(makeDevice('d2'));
      const { inboxes } = store();
      await inboxes.create(inbox('late', 'd1', { createdAt: at(30) }));
      await inboxes.create(inbox('early', 'd1', { createdAt: at(10), kind: 'SUB', clientUri: '/A' }));
      await inboxes.create(inbox('other', 'd2'));
      expect((await inboxes.listByDevice('d1')).map((i) => i.token)).toEqual(['early', 'late']);
      expect((await inboxes.listByDevice('d1'))[0]).toEqual(
        inbox('early', 'd1', { createdAt: at(10), kind: 'SUB', clientUri: '/A' }),
      );
      expect(await inboxes.listByDevice('none')).toEqual([]);
    });

    it('remove returns true once, then false', async () => {
      await store().devices.create(makeDevice('d1'));
      const { inboxes } = store();
      await inboxes.create(inbox('t1', 'd1'));
      expect(await inboxes.remove('t1')).toBe(true);
      expect(await inboxes.find('t1')).toBeUndefined();
      expect(await inboxes.remove('t1')).toBe(false);
    });

    it('removeClosed deletes expired, commandless, ended and idle inboxes and keeps live ones', async () => {
      await store().devices.create(makeDevice('d1'));
      const { inboxes, commands } = store();
      const command = (id: string, state: 'queued' | 'sent' | 'ok' | 'failed' | 'cancelled', updated = 0) =>
        commands.enqueue(makeCommand(id, 'd1', { state, updatedAt: at(updated) }));
      await command('c-sent', 'sent');
      await command('c-ok', 'ok');
      await command('c-failed', 'failed');
      await command('c-cancelled', 'cancelled');
      await command('c-sub-recent', 'ok', 900);
      const keep = [
        inbox('hput-live', 'd1', { commandId: 'c-sent', expiresAt: at(5_000) }),
        inbox('sub-live', 'd1', { kind: 'SUB', commandId: 'c-ok', lastUploadAt: at(800) }),
        inbox('sub-new', 'd1', { kind: 'SUB', commandId: 'c-ok', createdAt: at(700) }),
        inbox('sub-resubscribed', 'd1', { kind: 'SUB', commandId: 'c-sub-recent' }),
      ];
      const gone = [
        inbox('expired', 'd1', { commandId: 'c-sent', expiresAt: at(1_000) }),
        inbox('no-command', 'd1'),
        inbox('missing-command', 'd1', { commandId: 'nope' }),
        inbox('hput-done', 'd1', { commandId: 'c-ok' }),
        inbox('hput-cancelled', 'd1', { commandId: 'c-cancelled' }),
        inbox('sub-refused', 'd1', { kind: 'SUB', commandId: 'c-failed' }),
        inbox('sub-idle', 'd1', { kind: 'SUB', commandId: 'c-ok', lastUploadAt: at(100) }),
      ];
      for (const row of [...keep, ...gone]) await inboxes.create(row);
      const query = {
        now: at(1_000),
        uploadStates: ['queued', 'sent', 'accepted'],
        subscribedStates: ['queued', 'sent', 'accepted', 'ok'],
        subIdleBefore: at(500),
      };
      expect(await inboxes.removeClosed(query)).toBe(gone.length);
      expect((await inboxes.listByDevice('d1')).map((i) => i.token).sort()).toEqual(
        keep.map((i) => i.token).sort(),
      );
      expect(await inboxes.removeClosed(query)).toBe(0);
    });

    it('removing the device removes its inboxes', async () => {
      await store().devices.create(makeDevice('d1'));
      await store().inboxes.create(inbox('t1', 'd1'));
      expect(await store().devices.remove('d1')).toBe(true);
      expect(await store().inboxes.find('t1')).toBeUndefined();
      expect(await store().inboxes.listByDevice('d1')).toEqual([]);
    });
  });
}
