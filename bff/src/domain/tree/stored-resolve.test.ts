import { describe, expect, it } from 'vitest';
import { parseClientUri, type ClientUri } from '@dmc/shared/protocol';
import type { TreeNodeRow } from '../../persistence/ports';
import { resolveStored } from './stored-resolve';

const DCMO = 'urn:oma:mo:oma-dcmo:1.0';
const instances = [
  { moid: DCMO, miid: 'Camera', ddf: null },
  { moid: DCMO, miid: 'WiFi', ddf: null },
];
const leaf = (miid: string, path: string, value: string): TreeNodeRow => ({
  moid: DCMO,
  miid,
  path,
  value,
  format: 'chr',
  reportedAt: new Date(0),
});
const nodes = [
  leaf('Camera', 'Property', 'Camera'),
  leaf('Camera', 'Ext/a/ID', '1'),
  leaf('Camera', 'Ext/b/ID', '2'),
  leaf('WiFi', 'Property', 'WiFi'),
];

function uri(text: string): ClientUri {
  const parsed = parseClientUri(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe('resolveStored', () => {
  it('keeps concrete names, even ones not stored yet', () => {
    expect(resolveStored(uri(`${DCMO}/Camera/New/Leaf`), instances, [])).toEqual([
      { miid: 'Camera', path: 'New/Leaf' },
    ]);
  });

  it('"" needs exactly one instance; * takes them all', () => {
    expect(resolveStored(uri(`${DCMO}//Property`), instances, nodes)).toEqual([]);
    expect(resolveStored(uri(`${DCMO}/*/Property`), instances, nodes)).toEqual([
      { miid: 'Camera', path: 'Property' },
      { miid: 'WiFi', path: 'Property' },
    ]);
  });

  it('resolves x-names by their nv conditions, at the instance and below it', () => {
    expect(resolveStored(uri(`${DCMO}/(d)/Enabled?nv=(d)/Property:WiFi`), instances, nodes)).toEqual([
      { miid: 'WiFi', path: 'Enabled' },
    ]);
    expect(resolveStored(uri(`${DCMO}/Camera/Ext/(x)?nv=(x)/ID:2`), instances, nodes)).toEqual([
      { miid: 'Camera', path: 'Ext/b' },
    ]);
    expect(resolveStored(uri(`${DCMO}/Camera/Ext/*`), instances, nodes)).toEqual([
      { miid: 'Camera', path: 'Ext/a' },
      { miid: 'Camera', path: 'Ext/b' },
    ]);
  });
});
