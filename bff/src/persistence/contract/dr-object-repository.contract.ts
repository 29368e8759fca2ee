import { describe, expect, it } from 'vitest';
import type { DrObjectRow } from '../ports';
import { at, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function drObject(id: string, devId: string, overrides: Partial<DrObjectRow> = {}): DrObjectRow {
  return {
    id,
    devId,
    commandId: null,
    contentType: 'application/vnd.oma.dm.tree+json',
    body: '{"A":"1"}',
    createdAt: at(0),
    expiresAt: null,
    ...overrides,
  };
}

export function describeDrObjectRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: DrObjectRepository`, () => {
    const store = useFreshStore(open);

    it('creates and finds an object with every field', async () => {
      await store().devices.create(makeDevice('d1'));
      const full = drObject('o1', 'd1', {
        commandId: 'c-not-stored',
        contentType: 'text/plain; charset=utf-8',
        body: 'line 1\nünïcødé ✓ "quoted" \\ {}',
        createdAt: at(5),
        expiresAt: at(60_000),
      });
      await store().drObjects.create(full);
      await store().drObjects.create(drObject('o2', 'd1'));
      expect(await store().drObjects.find('o1')).toEqual(full);
      expect(await store().drObjects.find('o2')).toEqual(drObject('o2', 'd1'));
      expect(await store().drObjects.find('nope')).toBeUndefined();
    });

    it('rejects an object for an unknown device', async () => {
      await expect(store().drObjects.create(drObject('o1', 'ghost'))).rejects.toThrow();
    });

    it('removeExpired deletes only objects expired before now and counts them', async () => {
      await store().devices.create(makeDevice('d1'));
      const { drObjects } = store();
      await drObjects.create(drObject('old', 'd1', { expiresAt: at(100) }));
      await drObjects.create(drObject('edge', 'd1', { expiresAt: at(200) }));
      await drObjects.create(drObject('fresh', 'd1', { expiresAt: at(300) }));
      await drObjects.create(drObject('forever', 'd1', { expiresAt: null }));
      expect(await drObjects.removeExpired(at(200))).toBe(1);
      expect(await drObjects.find('old')).toBeUndefined();
      expect(await drObjects.find('edge')).toBeDefined();
      expect(await drObjects.find('fresh')).toBeDefined();
      expect(await drObjects.removeExpired(at(200))).toBe(0);
      expect(await drObjects.removeExpired(at(10_000))).toBe(2);
      expect(await drObjects.find('forever')).toBeDefined();
    });

    it('removing the device removes its objects', async () => {
      await store().devices.create(makeDevice('d1'));
      await store().devices.create(makeDevice('d2'));
      await store().drObjects.create(drObject('o1', 'd1'));
      await store().drObjects.create(drObject('o2', 'd2'));
      expect(await store().devices.remove('d1')).toBe(true);
      expect(await store().drObjects.find('o1')).toBeUndefined();
      expect(await store().drObjects.find('o2')).toBeDefined();
    });
  });
}
