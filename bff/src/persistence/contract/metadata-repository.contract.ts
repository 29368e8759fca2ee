import { describe, expect, it } from 'vitest';
import type { MoMetadata } from '@dmc/shared/metadata';
import type { MetadataDocumentRow } from '../ports';
import { at, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function document(moid: string, description = 'Thermostat'): MoMetadata {
  return {
    MOID: moid,
    Root: 'Thermo',
    Nodes: {
      '': { Format: 'node', AccessType: ['Get'], Description: description },
      Target: { Format: 'int', AccessType: ['Get', 'Replace'], Occurrence: 'One' },
      'Zones/<x>/Name': { Format: 'chr', AccessType: ['Get'], MIME: 'text/plain' },
    },
  };
}

function row(moid: string, overrides: Partial<MetadataDocumentRow> = {}): MetadataDocumentRow {
  return { moid, document: document(moid), source: 'ddf', createdAt: at(0), updatedAt: at(0), ...overrides };
}

export function describeMetadataRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: MetadataRepository`, () => {
    const store = useFreshStore(open);

    it('stores and finds a document with every node property', async () => {
      const stored = row('urn:acme:thermo:1.0', { createdAt: at(3), updatedAt: at(4) });
      await store().metadata.upsert(stored);
      expect(await store().metadata.find('urn:acme:thermo:1.0')).toEqual(stored);
      expect(await store().metadata.find('urn:acme:other:1.0')).toBeUndefined();
    });

    it('upsert replaces the document and source but keeps createdAt', async () => {
      const { metadata } = store();
      await metadata.upsert(row('urn:a', { createdAt: at(1), updatedAt: at(1) }));
      await metadata.upsert(
        row('urn:a', {
          document: document('urn:a', 'Second'),
          source: 'json',
          createdAt: at(9),
          updatedAt: at(9),
        }),
      );
      const found = await metadata.find('urn:a');
      expect(found?.document.Nodes['']?.Description).toBe('Second');
      expect(found?.source).toBe('json');
      expect(found?.createdAt).toEqual(at(1));
      expect(found?.updatedAt).toEqual(at(9));
      expect(await metadata.list()).toHaveLength(1);
    });

    it('lists by MOID and removes once', async () => {
      const { metadata } = store();
      await metadata.upsert(row('urn:c'));
      await metadata.upsert(row('urn:a'));
      await metadata.upsert(row('urn:b'));
      expect((await metadata.list()).map((r) => r.moid)).toEqual(['urn:a', 'urn:b', 'urn:c']);
      expect(await metadata.remove('urn:b')).toBe(true);
      expect(await metadata.remove('urn:b')).toBe(false);
      expect((await metadata.list()).map((r) => r.moid)).toEqual(['urn:a', 'urn:c']);
    });
  });
}
