import { STANDARD_MOIDS } from '../protocol/moids';
import type { MoMetadata, NodeMeta } from './metadata.schema';
import { interior, leaf } from './node-meta';

// DM 2.0 DevInfo absorbs DM 1.x DevDetail's fields (protocol §5.4); both MOIDs carry the same nodes.
function devInfoNodes(): Record<string, NodeMeta> {
  const required = (description: string): NodeMeta => leaf('chr', ['Get'], { Description: description });
  return {
    '': interior(['Get'], { Description: 'Device information', DFType: STANDARD_MOIDS.devInfo10 }),
    DevID: required('Unique device identifier (IMEI, ESN, MEID or UUID URN)'),
    Man: required('Manufacturer'),
    Mod: required('Model'),
    DmV: required('OMA DM client version'),
    Lang: required('Current language (ISO 639)'),
    DevType: required('Device type, e.g. phone, tablet, gateway'),
    OEM: required('Original equipment manufacturer'),
    FwV: required('Firmware version'),
    SwV: required('Software version'),
    HwV: required('Hardware version'),
    Bearer: interior(['Get'], { Occurrence: 'ZeroOrOne', Description: 'Bearer-specific information' }),
    Ext: interior(['Get'], { Occurrence: 'ZeroOrOne', Description: 'Vendor extensions' }),
  };
}

/** DevInfo as used in the DM 2.0 TS examples. */
export const DEVINFO_1_0_METADATA: MoMetadata = {
  MOID: STANDARD_MOIDS.devInfo10,
  Root: 'DevInfo',
  Nodes: devInfoNodes(),
};

/** DevInfo 1.2: the MOID some clients register; same nodes (protocol §5.4). */
export const DEVINFO_1_2_METADATA: MoMetadata = {
  MOID: STANDARD_MOIDS.devInfo12,
  Root: 'DevInfo',
  Nodes: {
    ...devInfoNodes(),
    '': interior(['Get'], { Description: 'Device information', DFType: STANDARD_MOIDS.devInfo12 }),
  },
};
