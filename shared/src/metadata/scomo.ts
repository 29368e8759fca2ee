import { STANDARD_MOIDS } from '../protocol/moids';
import type { MoMetadata, NodeMeta } from './metadata.schema';
import { dynamicInterior, interior, leaf } from './node-meta';

const exec = (description: string): NodeMeta => interior(['Exec', 'Get'], { Description: description });
const chr = (description: string, access: NodeMeta['AccessType'] = ['Get']): NodeMeta =>
  leaf('chr', access, { Description: description });

/** Software Component MO (OMA SCOMO 1.0): downloads, then delivered and deployed components. */
export const SCOMO_METADATA: MoMetadata = {
  MOID: STANDARD_MOIDS.scomo,
  Root: 'SCOMO',
  Nodes: {
    '': interior(['Get'], { Description: 'Software component management', DFType: STANDARD_MOIDS.scomo }),
    Download: interior(['Get'], { Description: 'Packages to download' }),
    'Download/<x>': dynamicInterior(['Add', 'Delete', 'Get', 'Replace'], { Description: 'One download' }),
    'Download/<x>/PkgID': chr('Package identifier', ['Get', 'Replace']),
    'Download/<x>/Name': chr('Package name', ['Get', 'Replace']),
    'Download/<x>/PkgURL': chr('Package URL', ['Get', 'Replace']),
    'Download/<x>/PkgType': chr('Package MIME type', ['Get', 'Replace']),
    'Download/<x>/Status': leaf('int', ['Get'], { Description: 'Download status' }),
    'Download/<x>/Operations': interior(['Get']),
    'Download/<x>/Operations/Download': exec('Exec: download the package to Delivered'),
    'Download/<x>/Operations/DownloadInstall': exec('Exec: download and install, active'),
    'Download/<x>/Operations/DownloadInstallInactive': exec('Exec: download and install, inactive'),
    Inventory: interior(['Get'], { Description: 'Components on the device' }),
    'Inventory/Deployed': interior(['Get'], { Description: 'Installed components' }),
    'Inventory/Deployed/<x>': dynamicInterior(['Get'], { Description: 'One installed component' }),
    'Inventory/Deployed/<x>/ID': chr('Component identifier'),
    'Inventory/Deployed/<x>/Name': chr('Component name'),
    'Inventory/Deployed/<x>/Version': chr('Component version'),
    'Inventory/Deployed/<x>/Description': leaf('chr', ['Get'], { Occurrence: 'ZeroOrOne' }),
    'Inventory/Deployed/<x>/State': leaf('int', ['Get'], { Description: 'Active or inactive' }),
    'Inventory/Deployed/<x>/Operations': interior(['Get']),
    'Inventory/Deployed/<x>/Operations/Activate': exec('Exec: activate the component'),
    'Inventory/Deployed/<x>/Operations/Deactivate': exec('Exec: deactivate the component'),
    'Inventory/Deployed/<x>/Operations/Remove': exec('Exec: remove the component'),
    'Inventory/Delivered': interior(['Get'], { Description: 'Downloaded, not yet installed packages' }),
    'Inventory/Delivered/<x>': dynamicInterior(['Get'], { Description: 'One delivered package' }),
    'Inventory/Delivered/<x>/ID': chr('Package identifier'),
    'Inventory/Delivered/<x>/Name': chr('Package name'),
    'Inventory/Delivered/<x>/Version': chr('Package version'),
    'Inventory/Delivered/<x>/State': leaf('int', ['Get'], { Description: 'Delivery state' }),
    'Inventory/Delivered/<x>/Operations': interior(['Get']),
    'Inventory/Delivered/<x>/Operations/Install': exec('Exec: install the package'),
    'Inventory/Delivered/<x>/Operations/Remove': exec('Exec: remove the package'),
    Ext: interior(['Get'], { Occurrence: 'ZeroOrOne', Description: 'Vendor extensions' }),
  },
};
