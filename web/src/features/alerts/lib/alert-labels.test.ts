import { describe, expect, it } from 'vitest';
import { nodePathOf, shortAlertType } from './alert-labels';

describe('alert labels', () => {
  it('links a SourceURI that names a tree node, not a URL', () => {
    expect(nodePathOf({ sourceUri: 'urn:oma:mo:oma-dm-devinfo:1.0/d1/' })).toBe(
      'urn:oma:mo:oma-dm-devinfo:1.0/d1/',
    );
    expect(nodePathOf({ sourceUri: './FUMO/1' })).toBe('./FUMO/1');
    expect(nodePathOf({ sourceUri: 'https://dm.example/x' })).toBeNull();
    expect(nodePathOf({ sourceUri: null })).toBeNull();
  });

  it('shortens an alert type URN to its last segment', () => {
    expect(shortAlertType('urn:dmc:at:sim:1.0:StorageFull')).toBe('StorageFull');
    expect(shortAlertType('StorageFull')).toBe('StorageFull');
  });
});
