import { describe, expect, it } from 'vitest';
import type { ArtifactRow } from '../ports';
import { at, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function artifact(id: string, overrides: Partial<ArtifactRow> = {}): ArtifactRow {
  return {
    id,
    name: 'firmware',
    version: '1.0.0',
    moid: null,
    size: 1024,
    sha256: 'a'.repeat(64),
    contentType: 'application/octet-stream',
    compatible: null,
    createdAt: at(0),
    ...overrides,
  };
}

export function describeArtifactRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: ArtifactRepository`, () => {
    const store = useFreshStore(open);

    it('creates and finds an artifact with every field', async () => {
      const full = artifact('a1', {
        name: 'Modem firmware ünïcødé "beta"',
        version: '2.3.4-rc.1+build.7',
        moid: 'urn:oma:mo:oma-fumo:1.0',
        // Above 2^32: sizes must survive a BIGINT round trip in both engines.
        size: 5 * 1024 ** 3 + 7,
        sha256: '0123456789abcdef'.repeat(4),
        contentType: 'application/zip',
        compatible: { Man: ['Acme', 'Ünïcødé "Co"'], Mod: ['Sim-1'], HwV: ['A', 'B'] },
        createdAt: at(5),
      });
      await store().artifacts.create(full);
      await store().artifacts.create(artifact('a2'));
      expect(await store().artifacts.find('a1')).toEqual(full);
      expect(await store().artifacts.find('a2')).toEqual(artifact('a2'));
      expect(await store().artifacts.find('nope')).toBeUndefined();
    });

    it('rejects a second artifact with the same id', async () => {
      await store().artifacts.create(artifact('a1'));
      await expect(store().artifacts.create(artifact('a1', { name: 'other' }))).rejects.toThrow();
      expect((await store().artifacts.find('a1'))?.name).toBe('firmware');
    });

    it('lists newest first, ties broken by id descending', async () => {
      const { artifacts } = store();
      expect(await artifacts.list()).toEqual([]);
      await artifacts.create(artifact('old', { createdAt: at(100) }));
      await artifacts.create(artifact('new', { createdAt: at(300) }));
      await artifacts.create(artifact('mid-a', { createdAt: at(200) }));
      await artifacts.create(artifact('mid-b', { createdAt: at(200) }));
      expect((await artifacts.list()).map((row) => row.id)).toEqual(['new', 'mid-b', 'mid-a', 'old']);
    });

    it('remove deletes one artifact and says whether it existed', async () => {
      const { artifacts } = store();
      await artifacts.create(artifact('a1'));
      await artifacts.create(artifact('a2'));
      expect(await artifacts.remove('a1')).toBe(true);
      expect(await artifacts.remove('a1')).toBe(false);
      expect(await artifacts.find('a1')).toBeUndefined();
      expect((await artifacts.list()).map((row) => row.id)).toEqual(['a2']);
    });

    it('a rolled-back transaction stores no artifact', async () => {
      await expect(
        store().transaction(async (repos) => {
          await repos.artifacts.create(artifact('a1'));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await store().artifacts.find('a1')).toBeUndefined();
    });
  });
}
