import { describe, expect, it } from 'vitest';
import type { InboxRow } from '../ports';
import { at, makeDevice, useFreshStore } from './fixtures';
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

    it('removing the device removes its inboxes', async () => {
      await store().devices.create(makeDevice('d1'));
      await store().inboxes.create(inbox('t1', 'd1'));
      expect(await store().devices.remove('d1')).toBe(true);
      expect(await store().inboxes.find('t1')).toBeUndefined();
      expect(await store().inboxes.listByDevice('d1')).toEqual([]);
    });
  });
}
