import { readFileSync } from 'node:fs';
import { moMetadataSchema } from '@dmc/shared/metadata';
import { describe, expect, it } from 'vitest';
import { importDdf } from './ddf-import';

const fumoDdf = readFileSync(new URL('./__fixtures__/fumo.ddf.xml', import.meta.url), 'utf8');

const leafDdf = (props: string, moid = 'urn:acme:mo:thermo:1.0'): string => `<MgmtTree><VerDTD>1.2</VerDTD>
  <Node><NodeName>Thermo</NodeName><DFProperties><AccessType><Get/></AccessType><DFFormat><node/></DFFormat>
    <DFType><MIME>${moid}</MIME></DFType></DFProperties>
    <Node><NodeName>Temp</NodeName><DFProperties>${props}</DFProperties></Node>
  </Node></MgmtTree>`;

describe('importDdf', () => {
  it('turns a FUMO-style DDF into a meta-data document', () => {
    const r = importDdf(fumoDdf);
    if (!r.ok) throw new Error(r.error);
    expect(moMetadataSchema.parse(r.value)).toEqual(r.value);
    expect(r.value.MOID).toBe('urn:oma:mo:oma-fumo:1.0');
    expect(r.value.Root).toBe('FUMO');
    expect(Object.keys(r.value.Nodes)).toEqual([
      '',
      'PkgName',
      'PkgVersion',
      'DownloadAndUpdate',
      'DownloadAndUpdate/PkgURL',
      'State',
      'Ext',
      'Ext/<x>',
      'Ext/<x>/Value',
    ]);
    expect(r.value.Nodes['']).toEqual({
      Format: 'node',
      AccessType: ['Get'],
      Occurrence: 'OneOrMore',
      Scope: 'Permanent',
      DFTitle: 'Firmware Update Management Object',
      DFType: 'urn:oma:mo:oma-fumo:1.0',
    });
    expect(r.value.Nodes['DownloadAndUpdate']).toMatchObject({
      AccessType: ['Exec', 'Get'],
      Description: 'Exec starts download & update',
    });
    expect(r.value.Nodes['DownloadAndUpdate/PkgURL']).toEqual({
      Format: 'chr',
      AccessType: ['Get', 'Replace'],
      Occurrence: 'One',
      CaseSense: 'CS',
      MIME: 'text/plain',
    });
    expect(r.value.Nodes['State']).toMatchObject({ Format: 'int', DefaultValue: '10' });
    expect(r.value.Nodes['Ext/<x>']).toMatchObject({
      Occurrence: 'ZeroOrN',
      MaxOccurrence: 8,
      Scope: 'Dynamic',
    });
  });

  it('uses a named root and the MOID from DFType/MIME, or the argument', () => {
    const r = importDdf(leafDdf('<AccessType><Get/></AccessType><DFFormat><float/></DFFormat>'));
    expect(r).toMatchObject({ ok: true, value: { MOID: 'urn:acme:mo:thermo:1.0', Root: 'Thermo' } });
    const named = importDdf(leafDdf('<AccessType/><DFFormat><chr/></DFFormat>', 'text/plain'), 'urn:x:y:1.0');
    expect(named).toMatchObject({
      ok: true,
      value: { MOID: 'urn:x:y:1.0', Nodes: { Temp: { AccessType: [] } } },
    });
  });

  it('finds the MO root below a vendor path when given its MOID', () => {
    const xml = `<MgmtTree><Node><NodeName>Vendor</NodeName><DFProperties><AccessType><Get/></AccessType>
      <DFFormat><node/></DFFormat></DFProperties>
      <Node><NodeName/><DFProperties><AccessType><Get/></AccessType><DFFormat><node/></DFFormat>
        <DFType><DDFName>urn:oma:mo:ext-acme-lamp:1.0</DDFName></DFType></DFProperties>
        <Node><NodeName>On</NodeName><DFProperties><AccessType><Get/><Replace/></AccessType>
          <DFFormat><bool/></DFFormat></DFProperties></Node>
      </Node></Node></MgmtTree>`;
    expect(importDdf(xml, 'urn:oma:mo:ext-acme-lamp:1.0')).toMatchObject({
      ok: true,
      value: { Root: 'ext-acme-lamp', Nodes: { On: { Format: 'bool', AccessType: ['Get', 'Replace'] } } },
    });
  });

  it.each([
    ['empty input', '', /empty/],
    ['malformed XML', '<MgmtTree><Node></MgmtTree>', /well-formed XML at line 1/],
    ['no MgmtTree', '<Foo/>', /no MgmtTree/],
    ['no nodes', '<MgmtTree><VerDTD>1.2</VerDTD></MgmtTree>', /no Node/],
    ['no DFFormat', leafDdf('<AccessType><Get/></AccessType>'), /"Temp": DFProperties has no DFFormat/],
    [
      'unknown format',
      leafDdf('<AccessType><Get/></AccessType><DFFormat><blob/></DFFormat>'),
      /unknown DFFormat "blob"/,
    ],
    [
      'bad occurrence',
      leafDdf('<AccessType/><DFFormat><chr/></DFFormat><Occurrence><Many/></Occurrence>'),
      /unknown Occurrence/,
    ],
    [
      'no MOID',
      '<MgmtTree><Node><NodeName>A</NodeName><DFProperties><DFFormat><node/></DFFormat></DFProperties></Node></MgmtTree>',
      /MOID is unknown/,
    ],
    [
      'two unnamed siblings',
      `<MgmtTree><Node><NodeName>A</NodeName><DFProperties><DFFormat><node/></DFFormat>
        <DFType><MIME>urn:a:b:1</MIME></DFType></DFProperties>
        <Node><NodeName/><DFProperties><DFFormat><node/></DFFormat></DFProperties></Node>
        <Node><NodeName/><DFProperties><DFFormat><node/></DFFormat></DFProperties></Node></Node></MgmtTree>`,
      /two children named "<x>"/,
    ],
  ])('reports %s', (_label, xml, message) => {
    const r = importDdf(xml);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});
