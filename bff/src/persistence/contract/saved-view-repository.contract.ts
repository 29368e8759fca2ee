import { describe, expect, it } from 'vitest';
import type { SavedViewRow } from '../ports';
import { at, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function view(id: string, overrides: Partial<SavedViewRow> = {}): SavedViewRow {
  return {
    id,
    name: `View ${id}`,
    query: 'Mod = "Sim-1"',
    sort: null,
    order: null,
    columns: null,
    createdBy: 'olivia',
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

export function describeSavedViewRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: SavedViewRepository`, () => {
    const store = useFreshStore(open);

    it('creates and finds a view with its sort and columns', async () => {
      const full = view('v1', {
        name: 'Old firmware',
        query: 'FwV < "1.10" AND online = true',
        sort: 'lastSeenAt',
        order: 'desc',
        columns: ['devId', 'firmware', 'lastSeen'],
        createdAt: at(5),
        updatedAt: at(6),
      });
      expect(await store().savedViews.create(full)).toBe(true);
      expect(await store().savedViews.create(view('v2'))).toBe(true);
      expect(await store().savedViews.find('v1')).toEqual(full);
      expect(await store().savedViews.find('v2')).toEqual(view('v2'));
      expect(await store().savedViews.find('nope')).toBeUndefined();
    });

    it('refuses a second view whose name differs only in case, and keeps the first', async () => {
      const { savedViews } = store();
      expect(await savedViews.create(view('v1', { name: 'Sim Fleet' }))).toBe(true);
      expect(await savedViews.create(view('v2', { name: 'sim FLEET', query: '' }))).toBe(false);
      expect(await savedViews.find('v2')).toBeUndefined();
      expect(await savedViews.count()).toBe(1);
      expect((await savedViews.find('v1'))?.query).toBe('Mod = "Sim-1"');
    });

    it('lists by name regardless of case, then id, up to the limit, and counts', async () => {
      const { savedViews } = store();
      await savedViews.create(view('b', { name: 'zulu' }));
      await savedViews.create(view('c', { name: 'Alpha' }));
      await savedViews.create(view('a', { name: 'Bravo' }));
      expect((await savedViews.list(10)).map((v) => v.name)).toEqual(['Alpha', 'Bravo', 'zulu']);
      expect((await savedViews.list(2)).map((v) => v.id)).toEqual(['c', 'a']);
      expect(await savedViews.count()).toBe(3);
    });

    it('updates every field but the creator, unless another view holds the new name', async () => {
      const { savedViews } = store();
      await savedViews.create(view('v1', { name: 'First' }));
      await savedViews.create(view('v2', { name: 'Second' }));
      const renamed = view('v1', {
        name: 'first (renamed)',
        query: 'label = "lab"',
        sort: 'model',
        order: 'asc',
        columns: ['devId', 'model'],
        createdBy: 'someone-else',
        updatedAt: at(9),
      });
      expect(await savedViews.update(renamed)).toBe(true);
      expect(await savedViews.find('v1')).toEqual({ ...renamed, createdBy: 'olivia' });
      // Its own name in another case is fine; another view's name is not.
      expect(await savedViews.update({ ...renamed, name: 'FIRST (RENAMED)' })).toBe(true);
      expect(await savedViews.update({ ...renamed, name: 'SECOND' })).toBe(false);
      expect((await savedViews.find('v1'))?.name).toBe('FIRST (RENAMED)');
      expect(await savedViews.update(view('missing'))).toBe(false);
    });

    it('remove returns true once, then false', async () => {
      const { savedViews } = store();
      await savedViews.create(view('v1'));
      expect(await savedViews.remove('v1')).toBe(true);
      expect(await savedViews.remove('v1')).toBe(false);
      expect(await savedViews.list(10)).toEqual([]);
      // The name is free again.
      expect(await savedViews.create(view('v2', { name: 'View v1' }))).toBe(true);
    });
  });
}
