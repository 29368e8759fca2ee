import { STANDARD_MOIDS } from '../protocol/moids';
import type { MoMetadata } from './metadata.schema';
import { interior, leaf } from './node-meta';

/** Firmware Update MO (OMA FUMO 1.0; protocol §5.4). */
export const FUMO_METADATA: MoMetadata = {
  MOID: STANDARD_MOIDS.fumo,
  Root: 'FUMO',
  Nodes: {
    '': interior(['Get'], { Description: 'Firmware update', DFType: STANDARD_MOIDS.fumo }),
    PkgName: leaf('chr', ['Get', 'Replace'], {
      Occurrence: 'ZeroOrOne',
      Description: 'Name of the firmware package',
    }),
    PkgVersion: leaf('chr', ['Get', 'Replace'], {
      Occurrence: 'ZeroOrOne',
      Description: 'Version of the firmware package',
    }),
    Download: interior(['Exec', 'Get'], {
      Occurrence: 'ZeroOrOne',
      Description: 'Exec: download the package',
    }),
    'Download/PkgURL': leaf('chr', ['Get', 'Replace'], { Description: 'URL of the firmware package' }),
    Update: interior(['Exec', 'Get'], {
      Occurrence: 'ZeroOrOne',
      Description: 'Exec: install the downloaded package',
    }),
    'Update/PkgData': leaf('bin', ['Get', 'Replace'], { Description: 'Firmware package data' }),
    DownloadAndUpdate: interior(['Exec', 'Get'], {
      Occurrence: 'ZeroOrOne',
      Description: 'Exec: download then install the package',
    }),
    'DownloadAndUpdate/PkgURL': leaf('chr', ['Get', 'Replace'], {
      Description: 'URL of the firmware package',
    }),
    State: leaf('int', ['Get'], { Description: 'Update state: 10 Idle … 100 Update Successful / No Data' }),
    Ext: interior(['Get'], { Occurrence: 'ZeroOrOne', Description: 'Vendor extensions' }),
  },
};
