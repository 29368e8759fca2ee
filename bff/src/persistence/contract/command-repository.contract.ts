import { describe, expect, it } from 'vitest';
import { at, makeCommand, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

export function describeCommandRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: CommandRepository`, () => {
    const store = useFreshStore(open);
    const seedDevices = async (...devIds: string[]): Promise<void> => {
      for (const devId of devIds) await store().devices.create(makeDevice(devId));
    };

    it('enqueue assigns increasing seq in insertion order and round-trips every field', async () => {
      await seedDevices('d1', 'd2');
      const { commands } = store();
      const a = await commands.enqueue(makeCommand('a', 'd1'));
      const b = await commands.enqueue(makeCommand('b', 'd2'));
      const full = makeCommand('c', 'd1', {
        command: ['EXEC', 'https://dm.example/job/t1', '/FUMO/1/Update'],
        state: 'sent',
        sc: 200,
        result: { text: 'ok', lines: [1, 2] },
        sessionId: 's1',
        jobToken: 't1',
        sentAt: at(3),
        expiresAt: at(4),
      });
      const c = await commands.enqueue(full);
      expect(a.seq).toBeLessThan(b.seq);
      expect(b.seq).toBeLessThan(c.seq);
      expect(c).toEqual({ ...full, seq: c.seq });
      expect(await commands.find('c')).toEqual(c);
      expect(await commands.find('zz')).toBeUndefined();
    });

    it('findByJobToken and listBySession find the command', async () => {
      await seedDevices('d1');
      const { commands } = store();
      await commands.enqueue(makeCommand('a', 'd1', { jobToken: 'job-1', sessionId: 's1' }));
      await commands.enqueue(makeCommand('b', 'd1', { sessionId: 's1' }));
      await commands.enqueue(makeCommand('c', 'd1', { sessionId: 's2' }));
      expect((await commands.findByJobToken('job-1'))?.id).toBe('a');
      expect(await commands.findByJobToken('job-2')).toBeUndefined();
      expect((await commands.listBySession('s1')).map((c) => c.id)).toEqual(['a', 'b']);
    });

    it('listByDevice is newest first with a limit', async () => {
      await seedDevices('d1', 'd2');
      const { commands } = store();
      for (const id of ['a', 'b', 'c']) await commands.enqueue(makeCommand(id, 'd1'));
      await commands.enqueue(makeCommand('x', 'd2'));
      expect((await commands.listByDevice('d1', 10)).map((c) => c.id)).toEqual(['c', 'b', 'a']);
      expect((await commands.listByDevice('d1', 2)).map((c) => c.id)).toEqual(['c', 'b']);
    });

    it('listQueued returns the device’s queued, unexpired commands in seq order up to limit', async () => {
      await seedDevices('d1', 'd2');
      const { commands } = store();
      await commands.enqueue(makeCommand('q1', 'd1'));
      await commands.enqueue(makeCommand('expired', 'd1', { expiresAt: at(99) }));
      await commands.enqueue(makeCommand('sent', 'd1', { state: 'sent' }));
      await commands.enqueue(makeCommand('q2', 'd1', { expiresAt: at(100) }));
      await commands.enqueue(makeCommand('other', 'd2'));
      await commands.enqueue(makeCommand('q3', 'd1', { expiresAt: at(5000) }));
      expect((await commands.listQueued('d1', at(100), 10)).map((c) => c.id)).toEqual(['q1', 'q2', 'q3']);
      expect((await commands.listQueued('d1', at(100), 2)).map((c) => c.id)).toEqual(['q1', 'q2']);
    });

    it('transition moves only from the listed states, once', async () => {
      await seedDevices('d1');
      const { commands } = store();
      await commands.enqueue(makeCommand('a', 'd1', { expiresAt: at(50) }));
      const sent = await commands.transition('a', ['queued'], {
        state: 'sent',
        at: at(10),
        sessionId: 's1',
        sentAt: at(10),
      });
      expect(sent).toMatchObject({
        state: 'sent',
        sessionId: 's1',
        sentAt: at(10),
        updatedAt: at(10),
        expiresAt: at(50),
      });
      expect(await commands.transition('a', ['queued'], { state: 'cancelled', at: at(11) })).toBeUndefined();
      const ok = await commands.transition('a', ['sent'], {
        state: 'ok',
        at: at(12),
        sc: 200,
        result: ['value'],
        expiresAt: null,
      });
      expect(ok).toMatchObject({ state: 'ok', sc: 200, result: ['value'], sessionId: 's1', expiresAt: null });
      expect(
        await commands.transition('a', ['sent'], { state: 'failed', at: at(13), sc: 500 }),
      ).toBeUndefined();
      expect(await commands.find('a')).toEqual(ok);
      expect(await commands.transition('missing', ['queued'], { state: 'sent', at: at(1) })).toBeUndefined();
      expect(await commands.transition('a', [], { state: 'sent', at: at(1) })).toBeUndefined();
    });

    it('transition counts a delivery in the move that carries it, and keeps a reason', async () => {
      await seedDevices('d1');
      const { commands } = store();
      await commands.enqueue(makeCommand('a', 'd1'));
      const send = { state: 'sent', at: at(1), sessionId: 's1', sentAt: at(1), countDelivery: true } as const;
      expect(await commands.transition('a', ['queued'], send)).toMatchObject({ deliveries: 1 });
      // A move that fails its state check counts nothing.
      expect(await commands.transition('a', ['queued'], send)).toBeUndefined();
      await commands.transition('a', ['sent'], { state: 'queued', at: at(2), sessionId: null, sentAt: null });
      expect(await commands.transition('a', ['queued'], { ...send, at: at(3) })).toMatchObject({
        state: 'sent',
        deliveries: 2,
        reason: null,
      });
      const failed = await commands.transition('a', ['sent'], {
        state: 'failed',
        at: at(4),
        reason: 'no-status',
      });
      expect(failed).toMatchObject({ state: 'failed', deliveries: 2, reason: 'no-status', sc: null });
      expect(await commands.find('a')).toEqual(failed);
    });

    it('concurrent transitions from the same state: exactly one wins', async () => {
      await seedDevices('d1');
      const { commands } = store();
      await commands.enqueue(makeCommand('a', 'd1'));
      const results = await Promise.all(
        (['sent', 'cancelled', 'expired'] as const).map((state) =>
          commands.transition('a', ['queued'], { state, at: at(1) }),
        ),
      );
      expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    });

    it('listDueForExpiry returns queued or accepted commands expiring before now', async () => {
      await seedDevices('d1');
      const { commands } = store();
      await commands.enqueue(makeCommand('queued-late', 'd1', { expiresAt: at(80) }));
      await commands.enqueue(makeCommand('queued-early', 'd1', { expiresAt: at(20) }));
      await commands.enqueue(makeCommand('accepted', 'd1', { state: 'accepted', expiresAt: at(50) }));
      await commands.enqueue(makeCommand('sent', 'd1', { state: 'sent', expiresAt: at(10) }));
      await commands.enqueue(makeCommand('done', 'd1', { state: 'ok', expiresAt: at(10) }));
      await commands.enqueue(makeCommand('edge', 'd1', { expiresAt: at(100) }));
      await commands.enqueue(makeCommand('never', 'd1'));
      expect((await commands.listDueForExpiry(at(100), 10)).map((c) => c.id)).toEqual([
        'queued-early',
        'accepted',
        'queued-late',
      ]);
      expect(await commands.listDueForExpiry(at(100), 1)).toHaveLength(1);
    });

    it('removing the device removes its commands', async () => {
      await seedDevices('d1');
      await store().commands.enqueue(makeCommand('a', 'd1'));
      await store().devices.remove('d1');
      expect(await store().commands.find('a')).toBeUndefined();
    });
  });
}
