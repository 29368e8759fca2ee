import { describe, expect, it } from 'vitest';
import type { DeviceTree } from '@dmc/shared/api';
import { findMetadata } from '@dmc/shared/metadata';
import { clientUriOptions, reportedMoids } from './client-uri-options';

const FUMO = 'urn:oma:mo:oma-fumo:1.0';
const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0';
const meta = (moid: string, path: string) => findMetadata(moid)?.Nodes[path] ?? null;

const tree: DeviceTree = {
  devId: 'd',
  instances: [
    {
      moid: DEVINFO,
      miid: '',
      ddf: null,
      nodes: [
        {
          path: 'FwV',
          value: '1.0',
          format: 'chr',
          reportedAt: '2025-01-01T00:00:00.000Z',
          meta: meta(DEVINFO, 'FwV'),
        },
      ],
    },
    { moid: FUMO, miid: 'fw', ddf: null, nodes: [] },
  ],
};

describe('clientUriOptions', () => {
  it('offers reported nodes and the meta-data nodes of reported instances', () => {
    const all = clientUriOptions(tree, 'SUB');
    expect(all).toContain(`${DEVINFO}//FwV`);
    expect(all).toContain(`${FUMO}/fw/DownloadAndUpdate/PkgURL`);
    expect(all.some((u) => u.includes('<'))).toBe(false);
  });

  it('keeps only what the command may address: EXEC nodes for EXEC, writable ones for HGET', () => {
    const exec = clientUriOptions(tree, 'EXEC');
    expect(exec).toContain(`${FUMO}/fw/DownloadAndUpdate`);
    expect(exec).not.toContain(`${DEVINFO}//FwV`);
    const writes = clientUriOptions(tree, 'HGET');
    expect(writes).toContain(`${FUMO}/fw/PkgName`);
    expect(writes).not.toContain(`${FUMO}/fw/State`);
  });

  it('is empty without a tree, and lists the reported MOIDs', () => {
    expect(clientUriOptions(undefined, 'GET')).toEqual([]);
    expect(reportedMoids(tree)).toEqual([DEVINFO, FUMO]);
  });
});
