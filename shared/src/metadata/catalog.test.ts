import { describe, expect, it } from 'vitest';
import { STANDARD_MOIDS } from '../protocol/moids';
import { findMetadata, lookupNodeMeta, STANDARD_METADATA } from './catalog';
import { moMetadataSchema, type MoMetadata } from './metadata.schema';

function doc(moid: string): MoMetadata {
  const found = findMetadata(moid);
  if (!found) throw new Error(`no meta-data for ${moid}`);
  return found;
}

describe('standard meta-data catalog', () => {
  it.each(STANDARD_METADATA.map((d) => [d.MOID, d] as const))('%s is a valid document', (_moid, d) => {
    expect(moMetadataSchema.safeParse(d).success).toBe(true);
    expect(d.Nodes['']).toMatchObject({ Format: 'node' });
  });

  it('ships every standard MOID once', () => {
    const moids = STANDARD_METADATA.map((d) => d.MOID);
    expect(new Set(moids).size).toBe(moids.length);
    expect([...moids].sort()).toEqual(Object.values(STANDARD_MOIDS).sort());
  });

  it('gives every node a parent in the document', () => {
    for (const d of STANDARD_METADATA) {
      for (const key of Object.keys(d.Nodes).filter((k) => k !== '')) {
        const parent = key.includes('/') ? key.slice(0, key.lastIndexOf('/')) : '';
        expect(d.Nodes[parent], `${d.MOID} ${key}`).toMatchObject({ Format: 'node' });
      }
    }
  });

  it('marks unnamed nodes dynamic and everything else permanent', () => {
    for (const d of STANDARD_METADATA) {
      for (const [key, meta] of Object.entries(d.Nodes)) {
        const isPlaceholder = key.split('/').at(-1) === '<x>';
        expect(meta.Scope, `${d.MOID} ${key}`).toBe(isPlaceholder ? 'Dynamic' : 'Permanent');
        if (isPlaceholder) expect(meta.Occurrence).toBe('ZeroOrMore');
      }
    }
  });

  it('describes the nodes the server relies on', () => {
    expect(doc(STANDARD_MOIDS.devInfo10).Root).toBe('DevInfo');
    expect(doc(STANDARD_MOIDS.devInfo12).Nodes.FwV).toMatchObject({ Format: 'chr', AccessType: ['Get'] });
    expect(doc(STANDARD_MOIDS.dmAcc12).Nodes['Push/Ext/HTTP/URI']?.AccessType).toContain('Get');
    expect(doc(STANDARD_MOIDS.dmAcc12).Nodes['Auth/Trsp/Secret']?.AccessType).not.toContain('Get');
    expect(doc(STANDARD_MOIDS.dmAcc12).Nodes['Perm/<x>/MOID']?.AccessType).not.toContain('Get');
    expect(doc(STANDARD_MOIDS.sessionInfo).Nodes.CBT?.AccessType).toEqual(['Get']);
    const fumo = doc(STANDARD_MOIDS.fumo);
    expect(fumo.Nodes.DownloadAndUpdate?.AccessType).toContain('Exec');
    expect(fumo.Nodes['DownloadAndUpdate/PkgURL']?.AccessType).toEqual(['Get', 'Replace']);
    expect(fumo.Nodes.State).toMatchObject({ Format: 'int', AccessType: ['Get'] });
    expect(doc(STANDARD_MOIDS.dcmo).Nodes.Enabled?.Format).toBe('bool');
  });
});

describe('findMetadata', () => {
  it('prefers extra documents and ignores URN case', () => {
    const custom: MoMetadata = { MOID: STANDARD_MOIDS.fumo, Root: 'Fw', Nodes: {} };
    expect(findMetadata(STANDARD_MOIDS.fumo, [custom])?.Root).toBe('Fw');
    expect(findMetadata('URN:OMA:MO:OMA-FUMO:1.0')?.Root).toBe('FUMO');
    expect(findMetadata('urn:oma:mo:unknown:1.0')).toBeUndefined();
  });
});

describe('lookupNodeMeta', () => {
  const scomo = doc(STANDARD_MOIDS.scomo);
  it('matches concrete paths against <x> templates', () => {
    expect(lookupNodeMeta(scomo, '')).toBe(scomo.Nodes['']);
    expect(lookupNodeMeta(scomo, 'Download/pkg7/PkgURL')).toBe(scomo.Nodes['Download/<x>/PkgURL']);
    expect(lookupNodeMeta(scomo, 'Download/pkg7')).toBe(scomo.Nodes['Download/<x>']);
    expect(lookupNodeMeta(scomo, 'Inventory/Deployed/c1/Operations/Remove')).toBe(
      scomo.Nodes['Inventory/Deployed/<x>/Operations/Remove'],
    );
    expect(lookupNodeMeta(scomo, 'Download/pkg7/Nope')).toBeUndefined();
    expect(lookupNodeMeta(scomo, 'Nope')).toBeUndefined();
  });
  it('prefers an exact or more literal template', () => {
    const d: MoMetadata = {
      MOID: 'urn:x:y',
      Root: 'R',
      Nodes: {
        '': { Format: 'node', AccessType: ['Get'] },
        '<x>': { Format: 'node', AccessType: ['Get'] },
        '<x>/A': { Format: 'chr', AccessType: ['Get'] },
        'Fixed/A': { Format: 'int', AccessType: ['Get'] },
      },
    };
    expect(lookupNodeMeta(d, 'Fixed/A')?.Format).toBe('int');
    expect(lookupNodeMeta(d, 'Other/A')?.Format).toBe('chr');
    expect(lookupNodeMeta(d, 'toString')?.Format).toBe('node');
  });
});
