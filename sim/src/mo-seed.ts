import type { MoStore } from './mo-store';

/** MOIDs of the standard MOs the simulated device implements (protocol §5.4). */
export const MOIDS = {
  devInfo: 'urn:oma:mo:oma-dm-devinfo:1.0',
  dmAcc: 'urn:oma:mo:oma-dm-dmacc:1.2',
  sessionInfo: 'urn:oma:mo:oma-sessioninfomo:1.0',
  fumo: 'urn:oma:mo:oma-fumo:1.0',
  scomo: 'urn:oma:mo:oma-scomo:1.0',
  dcmo: 'urn:oma:mo:oma-dcmo:1.0',
} as const;

/** The MIIDs of the factory instances. */
export const MIIDS = {
  devInfo: 'd1',
  dmAcc: 'dmc',
  sessionInfo: 's1',
  fumo: 'fw',
  scomo: 'sw',
} as const;

/** What makes one simulated device look different from the next. */
export interface DeviceProfile {
  manufacturer?: string;
  model?: string;
  fwVersion?: string;
  swVersion?: string;
  hwVersion?: string;
  devType?: string;
}

export interface SeedOptions {
  devId: string;
  serverUrl: string;
  serverId?: string;
  pushUrl?: string;
  profile?: DeviceProfile;
}

/** SCOMO Deployed/<x>/State: 10 inactive, 20 active (SCOMO 1.0). */
export const SCOMO_STATE = { inactive: '10', active: '20' } as const;

function component(id: string, name: string, version: string, active: boolean) {
  return {
    ID: id,
    Name: name,
    Version: version,
    Description: `${name} ${version}`,
    State: active ? SCOMO_STATE.active : SCOMO_STATE.inactive,
    Operations: { Activate: {}, Deactivate: {}, Remove: {} },
  };
}

function capability(property: string, group: string, enabled: boolean) {
  return {
    Property: property,
    Group: group,
    Description: `${property} capability`,
    Attached: 'true',
    Enabled: String(enabled),
    Operations: { Enable: {}, Disable: {} },
  };
}

/** Factory state of a device: one instance of each standard MO (DCMO: one per capability). */
export function seedStore(store: MoStore, options: SeedOptions): void {
  const p = options.profile ?? {};
  const manufacturer = p.manufacturer ?? 'Acme';
  store.addInstance(MOIDS.devInfo, MIIDS.devInfo, {
    DevID: options.devId,
    Man: manufacturer,
    Mod: p.model ?? 'Sim-1',
    DmV: '2.0',
    Lang: 'en-US',
    DevType: p.devType ?? 'gateway',
    OEM: manufacturer,
    FwV: p.fwVersion ?? '1.0.0',
    SwV: p.swVersion ?? '1.0',
    HwV: p.hwVersion ?? 'A',
  });
  store.addInstance(MOIDS.dmAcc, MIIDS.dmAcc, {
    SrvID: options.serverId ?? 'dmc',
    SrvURI: options.serverUrl,
    Name: 'dmc',
    ...(options.pushUrl === undefined ? {} : { Push: { Ext: { HTTP: { URI: options.pushUrl } } } }),
  });
  store.addInstance(MOIDS.sessionInfo, MIIDS.sessionInfo, { CBT: '3', ROAMING: '0' });
  store.addInstance(MOIDS.fumo, MIIDS.fumo, {
    PkgName: '',
    PkgVersion: '',
    Download: { PkgURL: '' },
    Update: { PkgData: '' },
    DownloadAndUpdate: { PkgURL: '' },
    State: '10',
    Ext: {},
  });
  store.addInstance(MOIDS.scomo, MIIDS.scomo, {
    Download: {},
    Inventory: {
      Delivered: {},
      Deployed: {
        agent: component('com.acme.agent', 'Acme Agent', '2.3.1', true),
        diag: component('com.acme.diag', 'Diagnostics', '1.0.4', false),
      },
    },
  });
  store.addInstance(MOIDS.dcmo, 'Camera', capability('Camera', 'Hardware', true));
  store.addInstance(MOIDS.dcmo, 'WiFi', capability('WiFi', 'Connectivity', true));
}
