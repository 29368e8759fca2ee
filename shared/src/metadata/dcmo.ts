import { STANDARD_MOIDS } from '../protocol/moids';
import type { MoMetadata } from './metadata.schema';
import { interior, leaf } from './node-meta';

/**
 * Device Capability MO (OMA DCMO 1.0). The DDF's `<x>` capability node is the MO instance in DM 2.0, so its
 * children sit directly below the instance root: `urn:oma:mo:oma-dcmo:1.0/Camera/Operations/Enable` (protocol §5.5).
 */
export const DCMO_METADATA: MoMetadata = {
  MOID: STANDARD_MOIDS.dcmo,
  Root: 'DCMO',
  Nodes: {
    '': interior(['Get'], { Description: 'One device capability', DFType: STANDARD_MOIDS.dcmo }),
    Property: leaf('chr', ['Get'], { Description: 'Capability property, e.g. the camera resolution' }),
    Group: leaf('chr', ['Get'], { Description: 'Capability group, e.g. HARDWARE, IO, CONNECTIVITY' }),
    Description: leaf('chr', ['Get'], { Occurrence: 'ZeroOrOne', Description: 'Human-readable description' }),
    Attached: leaf('bool', ['Get'], {
      Occurrence: 'ZeroOrOne',
      Description: 'Whether the hardware is attached',
    }),
    Enabled: leaf('bool', ['Get'], { Description: 'Whether the capability is enabled' }),
    Operations: interior(['Get']),
    'Operations/Enable': interior(['Exec', 'Get'], { Description: 'Exec: enable the capability' }),
    'Operations/Disable': interior(['Exec', 'Get'], { Description: 'Exec: disable the capability' }),
    Ext: interior(['Get'], { Occurrence: 'ZeroOrOne', Description: 'Vendor extensions' }),
  },
};
