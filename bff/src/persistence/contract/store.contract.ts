import { describe, expect, it } from 'vitest';
import { makeCommand, makeDevice, makeNode, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

class WorkFailed extends Error {}

export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`${name}: Store`, () => {
    const store = useFreshStore(open);

    it('ping resolves', async () => {
      await expect(store().ping()).resolves.toBeUndefined();
    });

    it('transaction commits when work resolves and returns its value', async () => {
      const result = await store().transaction(async (repos) => {
        await repos.devices.create(makeDevice('d1'));
        await repos.commands.enqueue(makeCommand('c1', 'd1'));
        return 'done';
      });
      expect(result).toBe('done');
      expect(await store().devices.find('d1')).toBeDefined();
      expect(await store().commands.find('c1')).toBeDefined();
    });

    it('transaction rolls back everything when work throws', async () => {
      const work = store().transaction(async (repos) => {
        await repos.devices.create(makeDevice('d1', { labels: ['lab'] }));
        await repos.tree.upsertNodes('d1', [makeNode('A', '1')]);
        await repos.settings.putIfAbsent('k', 'v');
        await repos.commands.enqueue(makeCommand('c1', 'd1'));
        throw new WorkFailed('boom');
      });
      await expect(work).rejects.toBeInstanceOf(WorkFailed);
      expect(await store().devices.find('d1')).toBeUndefined();
      expect(
        (await store().devices.list({ label: 'lab', sort: 'devId', order: 'asc', limit: 5 })).total,
      ).toBe(0);
      expect(await store().tree.listNodes('d1')).toEqual([]);
      expect(await store().settings.get('k')).toBeUndefined();
      expect(await store().commands.find('c1')).toBeUndefined();
    });

    it('repositories inside a transaction see its own writes', async () => {
      await store().transaction(async (repos) => {
        await repos.devices.create(makeDevice('d1'));
        expect(await repos.devices.find('d1')).toBeDefined();
        expect(await repos.tree.upsertNodes('d1', [makeNode('A', '1')])).toHaveLength(1);
      });
    });
  });
}
