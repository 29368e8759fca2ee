import { describe, expect, it } from 'vitest';
import { DEVINFO_1_0_METADATA, FUMO_METADATA, SCOMO_METADATA } from '../metadata';
import type { MoMetadata } from '../metadata/metadata.schema';
import { metadataToJsonSchema, type JsonSchema } from './metadata-json-schema';

const at = (schema: JsonSchema, ...names: string[]): JsonSchema =>
  names.reduce((s, name) => (s.properties as Record<string, JsonSchema>)[name]!, schema);

describe('metadataToJsonSchema', () => {
  it('describes the instance as { <Root>: { … } } with every named node', () => {
    const schema = metadataToJsonSchema(DEVINFO_1_0_METADATA);
    expect(schema).toMatchObject({ type: 'object', required: ['DevInfo'], additionalProperties: false });
    const root = at(schema, 'DevInfo');
    expect(Object.keys(root.properties as object)).toEqual(expect.arrayContaining(['DevID', 'FwV', 'Ext']));
    expect(root.additionalProperties).toBe(false);
    expect(root.required).toEqual(expect.arrayContaining(['DevID', 'FwV']));
    expect(root.required).not.toContain('Ext');
  });
  it('carries descriptions and marks leaves without Replace read-only', () => {
    const fwv = at(metadataToJsonSchema(DEVINFO_1_0_METADATA), 'DevInfo', 'FwV');
    expect(fwv).toMatchObject({ description: 'Firmware version', readOnly: true, type: ['string', 'null'] });
    const url = at(metadataToJsonSchema(FUMO_METADATA), 'FUMO', 'DownloadAndUpdate', 'PkgURL');
    expect(url.readOnly).toBeUndefined();
  });
  it('turns formats into types and patterns', () => {
    const state = at(metadataToJsonSchema(FUMO_METADATA), 'FUMO', 'State');
    expect(state.type).toEqual(['string', 'integer', 'null']);
    expect(new RegExp(state.pattern as string).test('10')).toBe(true);
    expect(new RegExp(state.pattern as string).test('ten')).toBe(false);
  });
  it('maps <x> nodes to additionalProperties and keeps childless nodes open', () => {
    const download = at(metadataToJsonSchema(SCOMO_METADATA), 'SCOMO', 'Download');
    const entry = download.additionalProperties as JsonSchema;
    expect(entry.type).toBe('object');
    expect(Object.keys(entry.properties as object)).toContain('PkgURL');
    const ext = at(metadataToJsonSchema(SCOMO_METADATA), 'SCOMO', 'Ext');
    expect(ext.additionalProperties).toBeUndefined();
  });
  it('limits the number of <x> nodes by their occurrence', () => {
    const doc: MoMetadata = {
      MOID: 'urn:x:mo:slots:1.0',
      Root: 'Slots',
      Nodes: {
        '': { Format: 'node', AccessType: ['Get'] },
        '<x>': { Format: 'node', AccessType: ['Add'], Occurrence: 'ZeroOrN', MaxOccurrence: 3 },
      },
    };
    expect(at(metadataToJsonSchema(doc), 'Slots').maxProperties).toBe(3);
  });
});
