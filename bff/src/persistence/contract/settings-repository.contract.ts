import { describe, expect, it } from 'vitest';
import { useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

export function describeSettingsRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: SettingsRepository`, () => {
    const store = useFreshStore(open);

    it('get is undefined for an unknown key', async () => {
      expect(await store().settings.get('server.key')).toBeUndefined();
    });

    it('putIfAbsent stores the first value and returns it to later callers', async () => {
      const { settings } = store();
      expect(await settings.putIfAbsent('server.key', 'first')).toBe('first');
      expect(await settings.putIfAbsent('server.key', 'second')).toBe('first');
      expect(await settings.get('server.key')).toBe('first');
    });

    it('concurrent putIfAbsent calls agree on one value', async () => {
      const { settings } = store();
      const values = await Promise.all(['a', 'b', 'c', 'd'].map((v) => settings.putIfAbsent('k', v)));
      expect(new Set(values).size).toBe(1);
      expect(await settings.get('k')).toBe(values[0]);
    });

    it('remove deletes one setting; putIfAbsent then stores anew and put replaces', async () => {
      const { settings } = store();
      await settings.putIfAbsent('a', '1');
      await settings.putIfAbsent('b', '2');
      await settings.remove('a');
      await settings.remove('missing');
      expect([await settings.get('a'), await settings.get('b')]).toEqual([undefined, '2']);
      expect(await settings.putIfAbsent('a', '3')).toBe('3');
      await settings.put('a', '4');
      await settings.put('c', '5');
      expect([await settings.get('a'), await settings.get('c')]).toEqual(['4', '5']);
    });

    it('keeps keys independent', async () => {
      const { settings } = store();
      await settings.putIfAbsent('a', '1');
      await settings.putIfAbsent('b', '2');
      expect([await settings.get('a'), await settings.get('b')]).toEqual(['1', '2']);
    });
  });
}
