import { describe, expect, it } from 'vitest';
import {
  DCMO_METADATA,
  DEVINFO_1_0_METADATA,
  FUMO_METADATA,
  lookupNodeMeta,
  SCOMO_METADATA,
} from '@dmc/shared/metadata';
import type { MoMetadata } from '@dmc/shared/metadata';
import { nodeActions } from './node-actions';

const actionsOf = (doc: MoMetadata, path: string) => {
  const a = nodeActions(doc, path, lookupNodeMeta(doc, path) ?? null);
  return { ...a, addInstance: a.addInstance?.key };
};

describe('nodeActions', () => {
  it('offers only refresh on a read-only leaf', () => {
    expect(actionsOf(DEVINFO_1_0_METADATA, 'FwV')).toEqual({
      refresh: true,
      edit: false,
      addInstance: undefined,
      remove: false,
      exec: false,
    });
  });
  it('offers edit on a writable leaf and exec on an executable node', () => {
    expect(actionsOf(FUMO_METADATA, 'DownloadAndUpdate/PkgURL').edit).toBe(true);
    expect(actionsOf(DCMO_METADATA, 'Operations/Enable').exec).toBe(true);
  });
  it('offers add instance where an <x> child may be added, delete on a dynamic node', () => {
    const download = actionsOf(SCOMO_METADATA, 'Download');
    expect(download.addInstance).toBe('Download/<x>');
    const template = nodeActions(
      SCOMO_METADATA,
      'Download',
      lookupNodeMeta(SCOMO_METADATA, 'Download') ?? null,
    );
    expect(template.addInstance?.leaves.map((l) => l.name)).toEqual(['PkgID', 'Name', 'PkgURL', 'PkgType']);
    expect(actionsOf(SCOMO_METADATA, 'Download/p1')).toMatchObject({ remove: true, addInstance: undefined });
    // Deployed components are reported by the device, never added by the server.
    expect(actionsOf(SCOMO_METADATA, 'Inventory/Deployed').addInstance).toBeUndefined();
  });
  it('allows a read of a node without meta-data', () => {
    expect(nodeActions(undefined, 'X', null)).toMatchObject({ refresh: true, edit: false, exec: false });
  });
});
